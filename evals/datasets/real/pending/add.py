# throwaway helper of the sixth session: append one drafted line (full schema, no split yet) to session6.jsonl
import json, os, glob
D = os.path.dirname(os.path.abspath(__file__))
F = os.path.join(D, 'session6.jsonl')
ROOT = os.path.join(D, '..')
def known_urls():
    u = set()
    for f in glob.glob(os.path.join(ROOT, '*.jsonl')) + [os.path.join(ROOT, '../../../knowledge/data/examples/real.jsonl')]:
        for l in open(f):
            s = json.loads(l).get('source')
            if s: u.add(s['url'])
    return u
def add(lang, ind, level, answer, just, url, title, kind, author=None, tags=()):
    if url in known_urls(): raise SystemExit('url already in corpus: ' + url)
    rows = [json.loads(l) for l in open(F)] if os.path.exists(F) else []
    n = {'zh': 211, 'en': 135}[lang] + 1 + sum(1 for r in rows if r['lang'] == lang)
    src = {'url': url, 'title': title, 'kind': kind}
    if author: src['author'] = author
    r = {'id': f'real-{lang}-{n:03d}', 'indicator': ind, 'level': level, 'lang': lang, 'answer': answer,
         'justification': just, 'source': src, 'written_by': 'source author',
         'rated_by': 'llm-engineer-1 (rubric descriptors only)', 'rated_at': '2026-12-02',
         'tags': [lang, *tags]}
    open(F, 'a').write(json.dumps(r, ensure_ascii=False) + '\n')
    print(r['id'])
