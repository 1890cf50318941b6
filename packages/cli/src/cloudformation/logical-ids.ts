/** `backlog-per-instance` → `BacklogPerInstance` (logical ids are alphanumeric). */
function pascal(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('');
}

/** The words two or more labels share at the start (hyphen-separated), so only what differs is kept. */
function commonPrefixWords(labels: readonly string[]): number {
  const split = labels.map((l) => l.split('-'));
  let n = 0;
  while (split.every((words) => words.length > n + 1 && words[n] === split[0]![n])) n++;
  return n;
}

/**
 * Logical ids in plan order: the type's word alone when the template has one of the type
 * (`Endpoint`), else the part of each resource's name that tells them apart, then the word
 * (`SuccessTopic`, `ErrorTopic`). Stable for the same plan, so templates diff cleanly.
 */
export function logicalIds(resources: readonly { word: string; label: string }[]): string[] {
  const byWord = new Map<string, string[]>();
  for (const r of resources) byWord.set(r.word, [...(byWord.get(r.word) ?? []), r.label]);
  const taken = new Set<string>();
  return resources.map((r) => {
    const labels = byWord.get(r.word)!;
    let id = r.word;
    if (labels.length > 1) {
      const words = r.label.split('-').slice(commonPrefixWords(labels));
      id = `${pascal(words.join('-'))}${r.word}`;
    }
    const base = id;
    for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
    taken.add(id);
    return id;
  });
}
