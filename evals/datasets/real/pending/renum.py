# throwaway helper of the sixth session: drop listed ids, renumber the session's lines consecutively per language
import json, sys, os
F = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'session6.jsonl'); drop = set(sys.argv[1:])
rows = [json.loads(l) for l in open(F) if json.loads(l)['id'] not in drop]
n = {'zh': 211, 'en': 135}
for r in rows:
    n[r['lang']] += 1; r['id'] = f"real-{r['lang']}-{n[r['lang']]:03d}"
open(F, 'w').write(''.join(json.dumps(r, ensure_ascii=False) + '\n' for r in rows))
print(len(rows), n)
