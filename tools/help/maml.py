import html
def esc(s): return html.escape(s, quote=False)
def paras(text, ns="maml"):
    return "".join(f"<maml:para>{esc(p)}</maml:para>" for p in text.strip().split("\n\n"))
def cmd(c):
    verb, noun = c["name"].split("-")
    out = [f'<command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">']
    out.append(f'<command:details><command:name>{c["name"]}</command:name><maml:description>{paras(c["synopsis"])}</maml:description><command:verb>{verb}</command:verb><command:noun>{noun}</command:noun></command:details>')
    out.append(f'<maml:description>{paras(c["description"])}</maml:description>')
    out.append('<command:syntax>')
    for ps in c["sets"]:
        out.append(f'<command:syntaxItem><maml:name>{c["name"]}</maml:name>')
        for pn in ps:
            p = c["params"][pn]
            out.append(f'<command:parameter required="{str(p.get("required",False)).lower()}" position="{p.get("position","named")}" pipelineInput="{p.get("pipeline","False")}"><maml:name>{pn}</maml:name>' + (f'<command:parameterValue required="true">{p["type"]}</command:parameterValue>' if p["type"]!="SwitchParameter" else "") + '</command:parameter>')
        out.append('</command:syntaxItem>')
    out.append('</command:syntax><command:parameters>')
    for pn,p in c["params"].items():
        out.append(f'<command:parameter required="{str(p.get("required",False)).lower()}" position="{p.get("position","named")}" pipelineInput="{p.get("pipeline","False")}" globbing="false"><maml:name>{pn}</maml:name><maml:description>{paras(p["desc"])}</maml:description><command:parameterValue required="true">{p["type"]}</command:parameterValue><dev:type><maml:name>{p["type"]}</maml:name></dev:type>' + (f'<dev:defaultValue>{esc(p["default"])}</dev:defaultValue>' if "default" in p else "") + '</command:parameter>')
    out.append('</command:parameters><command:inputTypes>')
    for t,d in c["inputs"]:
        out.append(f'<command:inputType><dev:type><maml:name>{t}</maml:name></dev:type><maml:description>{paras(d)}</maml:description></command:inputType>')
    out.append('</command:inputTypes><command:returnValues>')
    for t,d in c["outputs"]:
        out.append(f'<command:returnValue><dev:type><maml:name>{t}</maml:name></dev:type><maml:description>{paras(d)}</maml:description></command:returnValue>')
    out.append('</command:returnValues>')
    if c.get("notes"):
        out.append(f'<maml:alertSet><maml:alert>{paras(c["notes"])}</maml:alert></maml:alertSet>')
    out.append('<command:examples>')
    for i,(code,remark) in enumerate(c["examples"],1):
        out.append(f'<command:example><maml:title>-------------------------- Example {i} --------------------------</maml:title><dev:code>{esc(code)}</dev:code><dev:remarks>{paras(remark)}</dev:remarks></command:example>')
    out.append('</command:examples><command:relatedLinks>')
    for l in c.get("links",[]):
        out.append(f'<maml:navigationLink><maml:linkText>{l}</maml:linkText></maml:navigationLink>')
    out.append('</command:relatedLinks></command:command>')
    return "\n".join(out)
def write(cmds, path):
    with open(path,"w") as f:
        f.write('<?xml version="1.0" encoding="utf-8"?>\n<helpItems schema="maml" xmlns="http://msh">\n')
        for c in cmds: f.write(cmd(c)+"\n")
        f.write('</helpItems>\n')
