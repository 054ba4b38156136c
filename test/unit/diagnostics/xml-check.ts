// A small XML 1.0 well-formedness check for the JUnit tests (no XML parser is a dependency):
// legal characters only, tags properly nested, attribute values and text free of raw markup,
// entity references limited to the predefined ones and character references.
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 forbids
const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const REFERENCE = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g;

function decode(s: string): string {
  if (/&/.test(s.replace(REFERENCE, ''))) throw new Error(`raw & or unknown entity in ${JSON.stringify(s)}`);
  return s.replace(REFERENCE, (r) => {
    const named: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" };
    if (named[r] !== undefined) return named[r];
    const code = r.startsWith('&#x') ? parseInt(r.slice(3, -1), 16) : parseInt(r.slice(2, -1), 10);
    return String.fromCodePoint(code);
  });
}

/** Parse (strictly enough for our output) and return the root element; throws when not well-formed. */
export function parseXml(xml: string): XmlElement {
  if (ILLEGAL.test(xml)) throw new Error('a character XML 1.0 does not allow');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < body.length) {
    const lt = body.indexOf('<', i);
    const text = body.slice(i, lt < 0 ? body.length : lt);
    if (text.length > 0) {
      if (text.includes('>') && /\]\]>/.test(text)) throw new Error(']]> in text');
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (text.trim() !== '') throw new Error(`text outside the root: ${JSON.stringify(text)}`);
      } else parent.text += decode(text);
    }
    if (lt < 0) break;
    tag.lastIndex = lt;
    const m = tag.exec(body);
    if (m === null) throw new Error(`malformed tag at ${lt}: ${JSON.stringify(body.slice(lt, lt + 60))}`);
    const [, closing, name = '', attrs = '', selfClosing] = m;
    if (closing === '/') {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
    } else {
      const attributes: Record<string, string> = {};
      for (const a of attrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
        if (attributes[a[1]!] !== undefined) throw new Error(`duplicate attribute ${a[1]}`);
        attributes[a[1]!] = decode(a[2]!);
      }
      const el: XmlElement = { name, attributes, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent === undefined) {
        if (root !== undefined) throw new Error('two root elements');
        root = el;
      } else parent.children.push(el);
      if (selfClosing !== '/') stack.push(el);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1]?.name}> not closed`);
  if (root === undefined) throw new Error('no root element');
  return root;
}
