// A LIST page's continue token, read from the first bytes of its body. The apiserver (Go's
// encoding of a List: kind, apiVersion, metadata, then items) and sim serve write the list's
// metadata before its items, so the token of a 1.5 MB page of 500 pods is in its first
// chunk: the next page can be asked for while this one is still arriving and being parsed,
// and the server builds it meanwhile instead of waiting for our request.

/** Give up looking past this many characters without having seen `"items"`. */
export const LIST_HEAD_LIMIT = 64 * 1024;

const ITEMS_KEY = /"items"\s*:/;
const CONTINUE_KEY = /"continue"\s*:\s*"((?:[^"\\]|\\.)*)"/;

/**
 * What the start of a list body says of its continue token: the token, `null` when it says
 * there is none (the items begin and no token came before them, or the head is past
 * LIST_HEAD_LIMIT, or the token is not plain text), or `undefined` while it cannot tell yet.
 * Only what precedes `"items"` is read: the list's own keys, not an item's.
 */
export function continueOfHead(head: string): string | null | undefined {
  const items = ITEMS_KEY.exec(head);
  const before = items ? head.slice(0, items.index) : head;
  const found = CONTINUE_KEY.exec(before);
  if (found) {
    let token: unknown;
    try {
      token = JSON.parse(`"${found[1]!}"`);
    } catch {
      return null;
    }
    // A token is printable ASCII (base64 of the apiserver's continue key); anything else is
    // read from the parsed page as before.
    return typeof token === 'string' && token !== '' && /^[\x21-\x7e]+$/.test(token) ? token : null;
  }
  if (items || head.length > LIST_HEAD_LIMIT) return null;
  return undefined;
}
