# throwaway: drop listed ids, renumber the session's lines consecutively per language
import json, sys
F='session5.jsonl'; drop=set(sys.argv[1:])
rows=[json.loads(l) for l in open(F) if json.loads(l)['id'] not in drop]
n={'zh':177,'en':117}
for r in rows:
    n[r['lang']]+=1; r['id']=f"real-{r['lang']}-{n[r['lang']]:03d}"
open(F,'w').write(''.join(json.dumps(r,ensure_ascii=False)+'\n' for r in rows))
print(len(rows), n)
