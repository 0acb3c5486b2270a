/** An e-mail address that may wrap after its "@" in a narrow table, and nowhere else. */
export function BreakableEmail({ email }: { email: string }) {
  const at = email.indexOf("@");
  if (at < 0) return <span style={{ whiteSpace: "nowrap" }}>{email}</span>;
  return (
    <>
      <span style={{ whiteSpace: "nowrap" }}>{email.slice(0, at + 1)}</span>
      <wbr />
      <span style={{ whiteSpace: "nowrap" }}>{email.slice(at + 1)}</span>
    </>
  );
}
