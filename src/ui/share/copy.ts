/**
 * Copies text with the clipboard API; where that is refused (an insecure page, a denied
 * permission), selects `field` and tries the old copy command. False: the person must copy
 * the selected text themselves.
 */
export async function copyText(
  text: string,
  field: HTMLInputElement | HTMLTextAreaElement | null,
): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (!field) return false;
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}
