// The engine's vocabulary. A *term* is one alias of one entity as the dictionary gives
// it; a *pattern* is one concrete form of a term (after expanding {a,b} groups); a
// *candidate* is a place in the text where a pattern matched with valid boundaries; a
// *mention* is a candidate that survived overlap and ambiguity resolution.

export interface TermInput {
  /** Entity id, e.g. "h20". */
  entity: string;
  /** Entity kind, e.g. "chip"; mentions carry it so the page can style them. */
  kind: string;
  /** Alias text; "{a,b}" groups declare inflected forms. */
  alias: string;
  /** Match only with exactly this capitalisation (acronyms such as "BIS"). */
  caseSensitive?: boolean;
  /**
   * Ambiguous alias: it is a mention only when the page also has one of these:
   * "entity:<id>" (a certain mention of that entity), "kind:<kind>" (a certain mention
   * of any entity of that kind) or "context:<name>" (a word from that context list).
   * Conditions joined with "+" must all hold: "context:export+kind:chip".
   */
  requires?: readonly string[];
}

export interface FalseFriendInput {
  /** The entity this phrase looks like but is not. */
  entity: string;
  /**
   * The phrase, e.g. "Ascend Elements", or an ordinary word around a short alias, e.g.
   * 三星期 ("three weeks", around 三星); "{a,b}" groups allowed.
   */
  text: string;
}

export interface DictionaryInput {
  terms: readonly TermInput[];
  /** Named lists of context words, e.g. { chips: ["chip", "GPU", "τσιπ", "芯片"] }. */
  contexts?: Readonly<Record<string, readonly string[]>>;
  falseFriends?: readonly FalseFriendInput[];
}

export interface Mention {
  entity: string;
  kind: string;
  /** Offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** Exactly the original text between start and end. */
  text: string;
}

/** A pattern match in one run of text, before page-level resolution. */
export interface Candidate {
  pattern: number;
  start: number;
  end: number;
  /**
   * Other patterns with exactly this text (an alias two entities share, such as 商務部
   * for the US Commerce Department and China's ministry). Resolution picks one.
   */
  alts?: number[];
  /**
   * The name is part of a market quote: a ticker strip or quote table item, the name
   * followed by nothing but a stock code and figures ("NVDA 185.04 +1.7%", "台積電 2330
   * 1,475 ▲"). Such page furniture resolves as usual but is not evidence that the page
   * is about the topic, so off topic it is not shown (see engine/page.ts).
   */
  quote?: boolean;
}
