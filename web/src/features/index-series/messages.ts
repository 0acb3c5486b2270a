/**
 * Texts of the price indices page, both languages; the shared catalogs
 * (web/src/i18n/en.ts, nl.ts) spread them in.
 */
export const indexSeriesEn = {
  "settings.priceIndices": "Price indices",
  "indexSeries.intro":
    "The price indices contracts are indexed with. The CBS consumer price index (yearly change) is always here; import monthly figures from a CBS StatLine download, or any other series from a period;value file.",
  "indexSeries.list": "Series",
  "indexSeries.name": "Name",
  "indexSeries.kind": "Kind",
  "indexSeries.kind.yearly_change": "Yearly change",
  "indexSeries.kind.index": "Index",
  "indexSeries.span": "Periods",
  "indexSeries.points": "Figures",
  "indexSeries.provisionalCount": "Provisional",
  "indexSeries.empty": "No figures",
  "indexSeries.show": "Show figures",
  "indexSeries.source": "Source: {source}",
  "indexSeries.period": "Period",
  "indexSeries.value": "Index",
  "indexSeries.changePct": "Change on a year earlier (%)",
  "indexSeries.status": "Status",
  "indexSeries.provisional": "Provisional",
  "indexSeries.definitive": "Definitive",
  "indexSeries.revised": "Revised {date}, was {value}",
  "indexSeries.import.title": "Import a series",
  "indexSeries.import.intro":
    "A CBS StatLine download (table 83131NED, 2015 = 100, or 86141NED, 2025 = 100) is recognised by itself; a period;value file needs a name. Importing the same series again revises its figures and keeps what they were.",
  "indexSeries.import.file": "CSV file",
  "indexSeries.import.name": "Name (for a period;value file)",
  "indexSeries.import.submit": "Import",
  "indexSeries.import.done": "{points} figures imported, {revised} revised.",
  "indexSeries.import.adminsOnly": "Only administrators import price indices.",
  "indexSeries.loadFailed": "The price indices could not be loaded.",
} as const;

export const indexSeriesNl: Record<keyof typeof indexSeriesEn, string> = {
  "settings.priceIndices": "Prijsindexen",
  "indexSeries.intro":
    "De prijsindexen waarmee contracten worden geïndexeerd. De consumentenprijsindex van het CBS (jaarmutatie) staat hier altijd; importeer maandcijfers uit een CBS StatLine-download, of een andere reeks uit een bestand periode;waarde.",
  "indexSeries.list": "Reeksen",
  "indexSeries.name": "Naam",
  "indexSeries.kind": "Soort",
  "indexSeries.kind.yearly_change": "Jaarmutatie",
  "indexSeries.kind.index": "Indexcijfer",
  "indexSeries.span": "Perioden",
  "indexSeries.points": "Cijfers",
  "indexSeries.provisionalCount": "Voorlopig",
  "indexSeries.empty": "Geen cijfers",
  "indexSeries.show": "Cijfers tonen",
  "indexSeries.source": "Bron: {source}",
  "indexSeries.period": "Periode",
  "indexSeries.value": "Index",
  "indexSeries.changePct": "Mutatie t.o.v. een jaar eerder (%)",
  "indexSeries.status": "Status",
  "indexSeries.provisional": "Voorlopig",
  "indexSeries.definitive": "Definitief",
  "indexSeries.revised": "Herzien {date}, was {value}",
  "indexSeries.import.title": "Een reeks importeren",
  "indexSeries.import.intro":
    "Een CBS StatLine-download (tabel 83131NED, 2015 = 100, of 86141NED, 2025 = 100) wordt vanzelf herkend; een bestand periode;waarde heeft een naam nodig. Dezelfde reeks opnieuw importeren herziet de cijfers en bewaart wat ze waren.",
  "indexSeries.import.file": "CSV-bestand",
  "indexSeries.import.name": "Naam (voor een bestand periode;waarde)",
  "indexSeries.import.submit": "Importeren",
  "indexSeries.import.done": "{points} cijfers geïmporteerd, {revised} herzien.",
  "indexSeries.import.adminsOnly": "Alleen beheerders importeren prijsindexen.",
  "indexSeries.loadFailed": "De prijsindexen konden niet worden geladen.",
};
