# throwaway helper of the fifth session: append one drafted line (full schema, no split yet) to session5.jsonl
import json, sys, os
F = os.path.join(os.path.dirname(__file__), 'session5.jsonl')
def add(lang, ind, level, answer, just, url, title, kind, author=None, tags=()):
    rows = [json.loads(l) for l in open(F)] if os.path.exists(F) else []
    n = {'zh': 177, 'en': 117}[lang] + 1 + sum(1 for r in rows if r['lang'] == lang)
    src = {'url': url, 'title': title, 'kind': kind}
    if author: src['author'] = author
    r = {'id': f'real-{lang}-{n:03d}', 'indicator': ind, 'level': level, 'lang': lang, 'answer': answer,
         'justification': just, 'source': src, 'written_by': 'source author',
         'rated_by': 'llm-engineer-1 (rubric descriptors only)', 'rated_at': '2026-12-02',
         'tags': [lang, *tags]}
    open(F, 'a').write(json.dumps(r, ensure_ascii=False) + '\n')
    print(r['id'])
