# throwaway helper of the seventh session: append one drafted line (full schema, no split yet) to session7.jsonl,
# refusing a source URL already in the corpus (test's source key) or a text that shares many 4-char shingles with one
import json, os, re, sys
D = os.path.dirname(os.path.abspath(__file__))
F = os.path.join(D, 'session7.jsonl')
R = os.path.join(D, '..')
FILES = [os.path.join(R, f) for f in ('scoring-dev.jsonl', 'scoring-test.jsonl', 'parallel.jsonl')] + \
    [os.path.join(R, '../../../knowledge/data/examples/real.jsonl')]
key = lambda u: re.sub(r'/$', '', re.sub(r'^www\.', '', re.sub(r'^https?://', '', u)))
norm = lambda s: re.sub(r'[\W_]', '', s.lower())
sh = lambda s: {norm(s)[i:i + 4] for i in range(max(0, len(norm(s)) - 3))}
def corpus():
    rows = []
    for f in FILES:
        rows += [json.loads(l) for l in open(f) if l.strip()]
    return rows
def add(lang, ind, level, answer, just, url, title, kind, author=None, tags=()):
    rows = [json.loads(l) for l in open(F)] if os.path.exists(F) else []
    old = corpus()
    if key(url) in {key(r['source']['url']) for r in old}: raise SystemExit('url already in corpus: ' + url)
    if len(answer) > 600: raise SystemExit(f'too long: {len(answer)}')
    s = sh(answer)
    for r in old + rows:
        o = sh(r['answer'])
        if s and len(s & o) / min(len(s), len(o) or 1) > 0.3: raise SystemExit('near-duplicate of ' + r['id'])
    n = {'zh': 238, 'en': 153}[lang] + 1 + sum(1 for r in rows if r['lang'] == lang)
    src = {'url': url, 'title': title, 'kind': kind}
    if author: src['author'] = author
    r = {'id': f'real-{lang}-{n:03d}', 'indicator': ind, 'level': level, 'lang': lang, 'answer': answer,
         'justification': just, 'source': src, 'written_by': 'source author',
         'rated_by': 'llm-engineer-1 (rubric descriptors only)', 'rated_at': '2026-12-03',
         'tags': [lang, *tags]}
    if len(just) > 300: raise SystemExit('justification too long')
    open(F, 'a').write(json.dumps(r, ensure_ascii=False) + '\n')
    print(r['id'], len(answer))
if __name__ == '__main__':
    add(**json.load(sys.stdin))
