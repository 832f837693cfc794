#!/usr/bin/env python3
# jfrserial.py REC.jfr [N]: samples of the thread named 'main' outside any Team.run region (serial work), by first snn4j frame and caller chain
import json,subprocess,sys,collections
ev=json.loads(subprocess.run(["jfr","print","--stack-depth","96","--json","--events","jdk.ExecutionSample",sys.argv[1]],capture_output=True,text=True).stdout)["recording"]["events"]
n=int(sys.argv[2]) if len(sys.argv)>2 else 25
c=collections.Counter(); tot=0; main=0
for e in ev:
    v=e["values"]; th=v["sampledThread"]["javaName"] if v.get("sampledThread") else "?"
    if th!="main": continue
    main+=1
    fr=v["stackTrace"]["frames"] if v["stackTrace"] else []
    names=[f["method"]["type"]["name"].split("/")[-1]+"."+f["method"]["name"] for f in fr]
    if any("Team.run" in x or "Team$Region" in x for x in names): continue
    tot+=1
    sn=[x for x in names if not x.startswith(("0x","Float","Vector","Abstract","Int","Unsafe","Array"))][:5]
    c[" < ".join(sn)]+=1
print("main samples",main,"outside regions",tot)
for k,v in c.most_common(n): print(f"{v:5d} {k}")
