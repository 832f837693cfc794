#!/usr/bin/env python3
# jfrcomp.py REC.jfr: JIT compile time by tier and the C2 methods that took longest (jdk.Compilation, threshold 0)
import json,collections,subprocess,sys,re
ev=json.loads(subprocess.run(["jfr","print","--json","--events","jdk.Compilation",sys.argv[1]],capture_output=True,text=True).stdout)['recording']['events']
def dur(s):
    m=re.match(r'PT(?:(\d+)M)?([\d.]+)S',s); return (float(m.group(1) or 0)*60+float(m.group(2))) if m else 0.0
rows=[]
for e in ev:
    v=e['values']; m=v['method']; d=e['values'].get('duration') or e.get('duration') or 'PT0S'
    rows.append((dur(d), v['compileLevel'], v['isOsr'], m['type']['name'].split('/')[-1]+'.'+m['name'], v['codeSize'], v.get('inlinedBytes',0)))
print("compilations",len(rows),"total s",round(sum(r[0] for r in rows),2))
by=collections.defaultdict(float)
for r in rows: by[(r[1],r[2])]+=r[0]
print({f"L{k[0]}{'osr' if k[1] else ''}":round(v,2) for k,v in sorted(by.items())})
agg=collections.defaultdict(lambda:[0,0.0,0,0])
for r in rows:
    if r[1]==4: a=agg[r[3]]; a[0]+=1; a[1]+=r[0]; a[2]+= 1 if r[2] else 0; a[3]=max(a[3],r[4])
n=int(sys.argv[2]) if len(sys.argv)>2 else 40
print("top C2 methods: seconds, compiles, of them OSR, largest code bytes")
for k,v in sorted(agg.items(), key=lambda kv:-kv[1][1])[:n]: print(f"{v[1]:6.3f} s x{v[0]} osr{v[2]} {v[3]:7d} B {k}")
