/**
 * The server messages of price-index series (error codes of its routes), in both
 * languages; the shared catalogs spread them in (src/i18n/messages.*.ts).
 */
export const indexSeriesMessagesEn = {
  "index_series.not_found": "This price index does not exist.",
  "index_series.name_required": "Give the series a name (?name=…): a simple period;value file does not say what it is.",
  "index_series.unsupported_media_type": "Send the CSV file as text/csv or text/plain.",
  "index_series.too_large": "The file is larger than 10 MB. Import a smaller part of the table.",
  "index_series.no_data": "The file holds no lines with a period and a figure.",
  "index_series.malformed_csv": "The file is not a readable CSV file (line {line}).",
  "index_series.ambiguous_delimiter":
    "Line {line}: with commas between the columns a decimal comma cannot be told apart. Use semicolons, or put the number in quotes.",
  "index_series.unknown_layout": "Line {line}: no column with index figures or yearly changes was found.",
  "index_series.several_series": "Line {line}: the file holds more than one category ({text}). Download one category at a time.",
  "index_series.bad_period": "Line {line}: '{text}' is not a period. Use 2024-01 or 2024 (CBS: 2024MM01 or 2024JJ00).",
  "index_series.not_a_number": "Line {line}: '{text}' is not a number.",
  "index_series.missing_month": "Line {line}: the month {period} is missing before this line.",
  "index_series.duplicate_period": "Line {line}: the period {period} was given before, on line {firstLine}.",
} as const;

export const indexSeriesMessagesNl: Record<keyof typeof indexSeriesMessagesEn, string> = {
  "index_series.not_found": "Deze prijsindex bestaat niet.",
  "index_series.name_required": "Geef de reeks een naam (?name=…): een eenvoudig bestand periode;waarde zegt niet wat het is.",
  "index_series.unsupported_media_type": "Stuur het CSV-bestand als text/csv of text/plain.",
  "index_series.too_large": "Het bestand is groter dan 10 MB. Importeer een kleiner deel van de tabel.",
  "index_series.no_data": "Het bestand bevat geen regels met een periode en een cijfer.",
  "index_series.malformed_csv": "Het bestand is geen leesbaar CSV-bestand (regel {line}).",
  "index_series.ambiguous_delimiter":
    "Regel {line}: met komma's tussen de kolommen is een decimale komma niet te onderscheiden. Gebruik puntkomma's, of zet het getal tussen aanhalingstekens.",
  "index_series.unknown_layout": "Regel {line}: er is geen kolom met indexcijfers of jaarmutaties gevonden.",
  "index_series.several_series": "Regel {line}: het bestand bevat meer dan één categorie ({text}). Download één categorie tegelijk.",
  "index_series.bad_period": "Regel {line}: '{text}' is geen periode. Gebruik 2024-01 of 2024 (CBS: 2024MM01 of 2024JJ00).",
  "index_series.not_a_number": "Regel {line}: '{text}' is geen getal.",
  "index_series.missing_month": "Regel {line}: de maand {period} ontbreekt vóór deze regel.",
  "index_series.duplicate_period": "Regel {line}: de periode {period} stond al op regel {firstLine}.",
};
