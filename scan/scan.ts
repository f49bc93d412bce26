// Scanning saved pages: the same engine and text rules as the content script.

import { findMentionsInRuns, type Matcher } from '../engine';
import { visibleTextRuns } from './html';

export interface ScannedMention {
  entity: string;
  kind: string;
  text: string;
}

export function scanHtml(matcher: Matcher, html: string): ScannedMention[] {
  return findMentionsInRuns(matcher, visibleTextRuns(html)).map(({ mention }) => ({ entity: mention.entity, kind: mention.kind, text: mention.text }));
}
