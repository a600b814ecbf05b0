# Help for bindings, topology, mesh health, channel energy and statistics (issue 7 sections 1, 2).
import sys
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session. Records that carry a Network property (nodes, bindings) bind it from the pipeline.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent on the network and nothing is written to the network folder.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."

EUI = "Zsep.Stack.Types.Eui64"
IC = "5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3"
METER = "00:0D:6F:00:0B:17:00:01"
JOIN = f"Add-ZsepSimulatedDevice -Kind Meter -Ieee {METER} -InstallCode {IC} -Position 30,10 -Register | Out-Null\nEnable-ZsepJoin -Duration 60 -Wait -ExpectCount 1 | Out-Null\n"
GRID = "Add-ZsepSimulatedDevice -Kind Meter -Count 9 -Spacing 45 -Register | Out-Null\nEnable-ZsepJoin -Duration 120 -Wait -ExpectCount 9 | Out-Null\n"
NODE = dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", aliases="Ieee",
            desc="The node's IEEE address. Nodes from Get-ZsepNode or Enable-ZsepJoin -Wait bind by their Ieee property.")
NODE_OPT = dict(type=EUI, position="0", pipeline="True (ByPropertyName)", aliases="Ieee",
            desc="The node's IEEE address; the coordinator when not given. Nodes from Get-ZsepNode bind by their Ieee property.")
ZDO_ERRORS = "A node that does not answer (offline, out of reach) gives the non-terminating error NodeNotResponding; an address that is not a node of the network gives InvalidArgument."

BIND_PARAMS = {
   "Node": dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", desc="The node that holds the binding: its source, which sends to the destination."),
   "SourceEndpoint": dict(type="Byte", default="1", pipeline="True (ByPropertyName)", desc="The source endpoint on the node, 1 to 240."),
   "Cluster": dict(type="String", required=True, position="1", pipeline="True (ByPropertyName)", desc="The cluster, by name (Metering, Price, ...) or number (0x0702)."),
   "DestinationIeee": dict(type=EUI, required=True, pipeline="True (ByPropertyName)", desc="The destination device (for example the gateway: (Get-ZsepNetwork).CoordinatorIeee)."),
   "DestinationEndpoint": dict(type="Byte", default="1", pipeline="True (ByPropertyName)", desc="The destination endpoint."),
   "DestinationGroup": dict(type="UInt16", required=True, pipeline="True (ByPropertyName)", desc="A group address as destination, instead of a device."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
}
BIND_SETS = [["Node","SourceEndpoint","Cluster","DestinationIeee","DestinationEndpoint","Network","WhatIf","Confirm"],
             ["Node","SourceEndpoint","Cluster","DestinationGroup","Network","WhatIf","Confirm"]]

cmds = [
 dict(name="Get-ZsepBinding",
  synopsis="Reads a node's binding table over the air (Mgmt_Bind_req, every page).",
  description="""Get-ZsepBinding asks the node for its binding table with Mgmt_Bind_req (Zigbee PRO 2.4.3.3.4), page by page (each Mgmt_Bind_rsp carries the records that fit one unfragmented frame), until it has every entry; the coordinator's own table is read directly. Each record gives the source endpoint, the cluster and the destination (a device and endpoint, or a group).

""" + ZDO_ERRORS + " " + NOTOPEN,
  sets=[["Node","Network"]],
  params={"Node": NODE, "Network": NET},
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode (by their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepBinding","One per binding: node, source endpoint, cluster, destination.")],
  examples=[
   (JOIN + f"New-ZsepBinding -Node {METER} -Cluster Metering -DestinationIeee (Get-ZsepNetwork).CoordinatorIeee | Out-Null\nGet-ZsepBinding -Node {METER}",
    "Joins a meter, binds its Metering cluster to the gateway, and reads the meter's binding table back."),
  ],
  links=["New-ZsepBinding","Remove-ZsepBinding","Clear-ZsepBindingTable","about_ZsepAdmin"]),

 dict(name="New-ZsepBinding",
  synopsis="Creates a binding on a node (Bind_req): the node then sends that cluster's reports and commands to the destination.",
  description="""New-ZsepBinding sends Bind_req (Zigbee PRO 2.4.3.2.2) to the node that holds the binding and, when it answers SUCCESS, records the binding in the network's store (zsep.db, bindings table). A binding that exists already succeeds again.

A node's binding table is finite (16 entries on the simulated devices unless Set-ZsepSimulatedDevice -BindingTableSize says otherwise). A full table answers TABLE_FULL: the non-terminating error BindingTableFull says so and suggests Clear-ZsepBindingTable (or Remove-ZsepBinding for bindings no longer needed). Other refusals give ZdoRequestRefused with the status. """ + ZDO_ERRORS + " " + NOTOPEN,
  sets=BIND_SETS, params=BIND_PARAMS,
  inputs=[("Zsep.Stack.Gateway.ZsepBinding","Objects with the binding's properties.")],
  outputs=[("Zsep.Stack.Gateway.ZsepBinding","The binding created.")],
  examples=[
   (JOIN + f"New-ZsepBinding -Node {METER} -Cluster Metering -DestinationIeee (Get-ZsepNetwork).CoordinatorIeee",
    "Binds the meter's Metering cluster (endpoint 1) to the gateway's endpoint 1."),
   (JOIN + f"Set-ZsepSimulatedDevice -Ieee {METER} -BindingTableSize 1\nNew-ZsepBinding -Node {METER} -Cluster Metering -DestinationGroup 0x0010 | Out-Null\nNew-ZsepBinding -Node {METER} -Cluster Price -DestinationGroup 0x0010 -ErrorAction SilentlyContinue -ErrorVariable full\n$full[0].FullyQualifiedErrorId",
    "A meter whose table holds one binding: the second Bind_req is answered TABLE_FULL (error BindingTableFull)."),
  ],
  links=["Get-ZsepBinding","Remove-ZsepBinding","Clear-ZsepBindingTable","about_ZsepAdmin"]),

 dict(name="Remove-ZsepBinding",
  synopsis="Removes a binding from a node (Unbind_req) and from the store.",
  description="""Remove-ZsepBinding sends Unbind_req (Zigbee PRO 2.4.3.2.3) for the binding and removes it from the network's store. A binding the node does not have gives the non-terminating error BindingNotFound (NO_ENTRY). Records of Get-ZsepBinding pipe into it. """ + ZDO_ERRORS + " " + NOTOPEN,
  sets=BIND_SETS, params=BIND_PARAMS,
  inputs=[("Zsep.Stack.Gateway.ZsepBinding","Bindings from Get-ZsepBinding.")],
  outputs=[("None","No output.")],
  examples=[
   (JOIN + f"New-ZsepBinding -Node {METER} -Cluster Metering -DestinationGroup 0x0010 | Out-Null\nRemove-ZsepBinding -Node {METER} -Cluster Metering -DestinationGroup 0x0010\nGet-ZsepBinding -Node {METER}",
    "Creates a group binding and removes it again; the table is then empty."),
  ],
  links=["Get-ZsepBinding","New-ZsepBinding","Clear-ZsepBindingTable","about_ZsepAdmin"]),

 dict(name="Clear-ZsepBindingTable",
  synopsis="Removes every binding of a node and reports what it removed.",
  description="""Clear-ZsepBindingTable reads the node's binding table (Mgmt_Bind_req) and removes each entry with Unbind_req, writing each binding it removed. Use it when New-ZsepBinding reports BindingTableFull for a table full of stale bindings. The devices stop sending to the destinations they were bound to, so it asks for confirmation (ConfirmImpact High); -Force skips the question, -WhatIf reads the table and changes nothing. """ + ZDO_ERRORS + " " + NOTOPEN,
  sets=[["Node","Force","Network","WhatIf","Confirm"]],
  params={"Node": NODE, "Force": dict(type="SwitchParameter", desc="Clear the table without asking."), "Network": NET, "WhatIf": whatif(), "Confirm": confirm()},
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode (by their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepBinding","Each binding removed.")],
  examples=[
   (JOIN + f"New-ZsepBinding -Node {METER} -Cluster Metering -DestinationGroup 0x0010 | Out-Null\nClear-ZsepBindingTable -Node {METER} -WhatIf\nClear-ZsepBindingTable -Node {METER} -Force",
    "Shows what would be removed, then empties the meter's binding table and lists the binding removed."),
  ],
  links=["Get-ZsepBinding","New-ZsepBinding","Remove-ZsepBinding","about_ZsepAdmin"]),

 dict(name="Get-ZsepNeighbor",
  synopsis="Reads a node's neighbor table with the link quality (LQI) of each neighbour (Mgmt_Lqi_req, every page).",
  description="""Get-ZsepNeighbor asks the node for its neighbor table with Mgmt_Lqi_req (Zigbee PRO 2.4.3.3.2), page by page, and writes one record per neighbour: its IEEE and network addresses, device type, relationship (parent, child, sibling), depth and the LQI at which the node hears it (0 to 255; below about 50 a link loses frames). Without -Node it shows the coordinator's own table. """ + ZDO_ERRORS + " " + NOTOPEN,
  sets=[["Node","Network"]],
  params={"Node": NODE_OPT, "Network": NET},
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode (by their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepNeighbor","One per neighbour.")],
  examples=[
   (JOIN + "Get-ZsepNeighbor", "The coordinator's neighbours: the meter that just joined, as its child."),
   (JOIN + f"Get-ZsepNeighbor -Node {METER} | Where-Object Lqi -lt 50", "The meter's neighbours heard below LQI 50 (weak links); none here."),
  ],
  links=["Get-ZsepRoute","Get-ZsepTopology","Test-ZsepMesh","about_ZsepAdmin"]),

 dict(name="Get-ZsepRoute",
  synopsis="Reads a node's routing table (Mgmt_Rtg_req, every page).",
  description="""Get-ZsepRoute asks the node for its routing table with Mgmt_Rtg_req (Zigbee PRO 2.4.3.3.3), page by page: one record per destination with its next hop, the route's status, and whether it is a many-to-one route to the concentrator (the gateway). Without -Node it shows the coordinator's table. """ + ZDO_ERRORS + " " + NOTOPEN,
  sets=[["Node","Network"]],
  params={"Node": NODE_OPT, "Network": NET},
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode (by their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepRoute","One per routing table entry.")],
  examples=[
   (JOIN + "Step-ZsepSimulation -Duration 00:01:00\n" + f"Get-ZsepRoute -Node {METER}", "The meter's routes after a minute: the many-to-one route to the gateway (0x0000)."),
  ],
  links=["Get-ZsepNeighbor","Get-ZsepTopology","about_ZsepAdmin"]),

 dict(name="Get-ZsepTopology",
  synopsis="Crawls every router's and end device's neighbor table and returns the mesh as nodes and links with LQI, or as Graphviz DOT.",
  description="""Get-ZsepTopology reads the coordinator's neighbor table, then asks every router it knows of (from the network's node table and from the tables read so far) with Mgmt_Lqi_req, a few at once, showing progress. Then it asks the end devices too: an end device keeps in its neighbor table its parent and the routers its join scan heard (its potential parents, Zigbee PRO 3.6.1.5), scans its channel again before answering when it lists no router but its parent, and answers when it next polls its parent, so each of its pages takes up to a poll period; each page is waited for at most -EndDeviceTimeout (8 s) and asked once. -SkipEndDevices leaves them out.

It returns one topology: the nodes (IEEE and network address, type, hop count from the coordinator over the links found, neighbor table entries, whether it was asked and whether it answered; for end devices the parent and, when the device answered, its potential parents) and the links between them, each with the LQI each side reports (a link's Lqi is the worse of the two). A router that does not answer is kept without links of its own; an end device that does not answer is listed with Asked true and Answered false, and only the link its parent reports.

-AsDot writes the topology as Graphviz DOT text instead; Export-ZsepTopology writes .dot, .json or .svg files. """ + NOTOPEN,
  sets=[["AsDot","SkipEndDevices","EndDeviceTimeout","Network"]],
  params={"AsDot": dict(type="SwitchParameter", desc="Write Graphviz DOT text (links labelled with LQI and coloured green, orange or red) instead of the topology record."),
          "SkipEndDevices": dict(type="SwitchParameter", desc="Do not ask end devices for their neighbor tables (faster on a network of sleepy devices; their links are then only those their parents report)."),
          "EndDeviceTimeout": dict(type="System.Nullable`1[System.TimeSpan]", desc="How long to wait for each page of an end device's answer; 8 seconds when not given, at least one second. An end device answers when it polls its parent."),
          "Network": NET},
  inputs=[("None","You cannot pipe objects to Get-ZsepTopology.")],
  outputs=[("Zsep.Stack.Gateway.ZsepTopology","Nodes and links; with -AsDot, the DOT text (a string) instead.")],
  examples=[
   (GRID + "$t = Get-ZsepTopology\n$t\n$t.Links | Where-Object Lqi -lt 50 | ForEach-Object { '{0} - {1}: LQI {2}' -f $_.From, $_.To, $_.Lqi }", "Crawls a grid of nine meters, shows the summary, and lists the weak links."),
   (GRID + "Add-ZsepSimulatedDevice -Kind InHomeDisplay -Count 1 -Origin 45, 20 -Register | Out-Null\nEnable-ZsepJoin -Duration 60 -Wait -ExpectCount 1 | Out-Null\nStep-ZsepSimulation -Duration 00:00:10\n$t = Get-ZsepTopology\n$t.Nodes | Where-Object DeviceType -eq 'EndDevice' | ForEach-Object { '{0} answered {1}: parent {2}, {3} other router(s) in reach' -f $_.Ieee, $_.Answered, $_.Parent, $_.PotentialParents.Count }",
    "An in-home display (an end device) joins the grid; the crawl asks it too, and it reports its parent and the other routers it heard."),
   (GRID + "Get-ZsepTopology -AsDot", "The mesh as DOT text, for Graphviz (dot -Tpng)."),
  ],
  links=["Export-ZsepTopology","Test-ZsepMesh","Get-ZsepNeighbor","about_ZsepAdmin"]),

 dict(name="Export-ZsepTopology",
  synopsis="Writes the mesh as a picture or data: .svg (drawn here), .dot (Graphviz) or .json.",
  description="""Export-ZsepTopology crawls the mesh as Get-ZsepTopology does (or takes a topology from the pipeline) and writes it to -Path in the format its extension names: .svg draws it without any external tool (the coordinator in the middle, each node on the ring of its hop count, links coloured by LQI: green from 100, orange from 50, red below; hovering shows addresses and LQI), .dot (or .gv) for Graphviz, .json for other tools. An unknown extension is the terminating error TopologyFormatUnknown. """ + NOTOPEN,
  sets=[["Path","InputObject","Network","WhatIf","Confirm"]],
  params={"Path": dict(type="String", required=True, position="0", desc="The file to write; its extension (.svg, .dot, .gv, .json) chooses the format."),
          "InputObject": dict(type="Zsep.Stack.Gateway.ZsepTopology", pipeline="True (ByValue)", desc="A topology from Get-ZsepTopology; crawled now when not given."),
          "Network": NET, "WhatIf": whatif(), "Confirm": confirm()},
  inputs=[("Zsep.Stack.Gateway.ZsepTopology","A topology from Get-ZsepTopology.")],
  outputs=[("System.IO.FileInfo","The file written.")],
  examples=[
   (GRID + "$svg = Join-Path ([System.IO.Path]::GetTempPath()) 'mesh.svg'\nExport-ZsepTopology -Path $svg", "Draws the mesh into mesh.svg in the temporary folder; open it in a browser."),
   (GRID + "$t = Get-ZsepTopology\n$t | Export-ZsepTopology -Path (Join-Path ([System.IO.Path]::GetTempPath()) 'mesh.json')", "Writes one crawl as JSON."),
  ],
  links=["Get-ZsepTopology","Test-ZsepMesh","about_ZsepAdmin"]),

 dict(name="Test-ZsepMesh",
  synopsis="Audits the mesh and returns findings a person can act on, each with the nodes concerned and a recommendation.",
  description="""Test-ZsepMesh crawls the topology (as Get-ZsepTopology, end devices included unless -SkipEndDevices), scans the energy on the network's channel and on 25 and 26, reads again the binding tables that were full, and reports:
- FarNode: a node more than -MaxHops (5) hops from the coordinator;
- WeakLink: a node whose best link one hop nearer the coordinator is below -MinLqi (50), naming the node and that neighbour;
- SinglePointOfFailure: a router whose loss would cut other routers off from the coordinator (an articulation point of the router graph), naming the router first and then every node that depends on it (an end device goes with it unless it reported another router in reach);
- NoAlternativeParent: an end device that lists no router but its parent in its own neighbor table;
- TableNearCapacity: a neighbor table at 90 % of its capacity;
- BindingTableFull: a node that answered a binding with TABLE_FULL and still holds as many bindings as then;
- NoisyChannel: high energy (-75 dBm or more) on the network's channel, or overlap with Wi-Fi channels 1, 6 and 11, suggesting channel 25 or 26;
- Unreachable: a node the crawl found no link to.
Each finding has Check, Severity, Nodes, Message, Recommendation and Inferred. -Check keeps only some checks.

What is measured and what is assumed: hops, LQI and links are what the nodes' own tables report. An end device's potential parents are measured when it answered Mgmt_Lqi_req (the routers its network discovery heard); when it did not answer (asleep beyond -EndDeviceTimeout, or -SkipEndDevices) its NoAlternativeParent finding is inferred from the routers' tables, which list only their own children, so another router in its reach would not show: the finding says so and has Inferred set. A neighbor table's entry count is measured (Mgmt_Lqi_rsp), its size is not reported by the protocol: it is assumed to be -NeighborTableCapacity (64) for every node but the gateway, whose configured size is used, and findings against the assumption have Inferred set. A binding table's size is measured only when it was full: the gateway saw the TABLE_FULL answer (New-ZsepBinding, since the network was opened) and read the table's entry count just after; Test-ZsepMesh reads the count again (Mgmt_Bind_req). """ + NOTOPEN,
  sets=[["MaxHops","MinLqi","NeighborTableCapacity","Check","SkipEndDevices","EndDeviceTimeout","Network"]],
  params={"MaxHops": dict(type="Int32", default="5", desc="Hops from the coordinator beyond which a node is reported."),
          "MinLqi": dict(type="Int32", default="50", desc="LQI below which a link is weak."),
          "NeighborTableCapacity": dict(type="Int32", default="64", desc="The neighbor table size assumed for the nodes, 1 to 255: Mgmt_Lqi_rsp reports how many entries a table holds, not its size. A table at 90 % of it is reported, marked Inferred. The gateway's own table is judged against its configured size when it has one."),
          "Check": dict(type="Zsep.Stack.Gateway.ZsepMeshCheck[]", desc="Only these checks: FarNode, WeakLink, SinglePointOfFailure, NoAlternativeParent, TableNearCapacity, NoisyChannel, Unreachable, BindingTableFull."),
          "SkipEndDevices": dict(type="SwitchParameter", desc="Do not ask end devices for their neighbor tables: their NoAlternativeParent findings are then inferred."),
          "EndDeviceTimeout": dict(type="System.Nullable`1[System.TimeSpan]", desc="How long to wait for each page of an end device's answer; 8 seconds when not given, at least one second."),
          "Network": NET},
  inputs=[("None","You cannot pipe objects to Test-ZsepMesh.")],
  outputs=[("Zsep.Stack.Gateway.ZsepMeshFinding","One per finding.")],
  examples=[
   (GRID + "Test-ZsepMesh", "Audits a small grid of meters."),
   (GRID + "Test-ZsepMesh -Check SinglePointOfFailure, WeakLink | ForEach-Object Recommendation", "Only the single points of failure and weak links, and what to do about them."),
   (GRID + "Test-ZsepMesh -NeighborTableCapacity 8 -Check TableNearCapacity | ForEach-Object { '{0} (inferred: {1})' -f $_.Message, $_.Inferred }", "Routers whose tables hold 8 entries or more when their size is taken to be 8: the findings are marked inferred, since the protocol does not report the size."),
  ],
  links=["Get-ZsepTopology","Export-ZsepTopology","Get-ZsepChannelEnergy","New-ZsepBinding","about_ZsepAdmin"]),

 dict(name="Get-ZsepChannelEnergy",
  synopsis="Measures the energy on each channel, through the gateway's radio or at a router (Mgmt_NWK_Update_req).",
  description="""Get-ZsepChannelEnergy runs an energy scan. Without -Node the gateway's own radio scans (it is tuned away from the network for about 2 s for 16 channels). With -Node a router scans where it stands, asked by Mgmt_NWK_Update_req (Zigbee PRO 2.4.3.3.9, scan duration 3) and answering with Mgmt_NWK_Update_notify; its energy values (0 at -100 dBm to 255 at -40 dBm) are given back in dBm. Each record says whether Wi-Fi channels 1, 6 or 11 overlap the channel and whether the network runs on it. """ + ZDO_ERRORS + " " + NOTOPEN,
  sets=[["Node","Channel","Network"]],
  params={"Node": dict(type=EUI, position="0", pipeline="True (ByPropertyName)", aliases="Ieee", desc="A router to measure at; the gateway when not given."),
          "Channel": dict(type="Byte[]", desc="Channels to scan, 11 to 26; all 16 when not given."),
          "Network": NET},
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode (by their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepChannelEnergy","One per channel.")],
  examples=[
   ("Get-ZsepChannelEnergy -Channel 11, 15, 20, 25, 26", "The gateway measures five channels."),
   (JOIN + f"Get-ZsepChannelEnergy -Node {METER} -Channel 25, 26", "The meter measures channels 25 and 26 where it stands."),
  ],
  links=["Test-ZsepMesh","about_ZsepAdmin"]),

 dict(name="Get-ZsepStatistic",
  synopsis="The gateway's stack counters, or the link quality history of nodes as the gateway hears them.",
  description="""Without parameters Get-ZsepStatistic writes the gateway's counters: MAC frames sent and received, missing acknowledgements, channel access failures; NWK frames sent and relayed, route discoveries and failures, route records; APS frames sent, acknowledged, acknowledgement timeouts, retries and duplicates; security failures; fragmented transfers sent and received.

With -Node (or -AllNodes) it writes, per node, the link quality of the frames the gateway heard from it (the last hop, so for a node several hops away the router next to the gateway): frames heard, last, lowest and average LQI, last RSSI, when last heard, and the history of the last 64 samples. A node the gateway never heard has no samples. """ + NOTOPEN,
  sets=[["Network"],["Node","Network"],["AllNodes","Network"]],
  params={"Node": dict(type="Zsep.Stack.Types.Eui64[]", required=True, position="0", pipeline="True (ByPropertyName)", aliases="Ieee", desc="Nodes whose link quality history to show."),
          "AllNodes": dict(type="SwitchParameter", required=True, desc="Every node the gateway has heard."),
          "Network": NET},
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode (by their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepGatewayStatistic","The gateway's counters."),("Zsep.Stack.Gateway.ZsepNodeStatistic","With -Node or -AllNodes, one per node.")],
  examples=[
   (JOIN + "Get-ZsepStatistic", "The gateway's counters after a meter joined."),
   (JOIN + f"Get-ZsepStatistic -Node {METER}\n(Get-ZsepStatistic -Node {METER}).History | ForEach-Object {{ '{{0:HH:mm:ss}} LQI {{1}}' -f $_.Time, $_.Lqi }}", "The link quality of the frames heard from the meter, and its samples one by one."),
  ],
  links=["Get-ZsepNeighbor","Test-ZsepMesh","about_ZsepAdmin"]),
]

# Set-ZsepSimulatedDevice (in zsep_help_all.py) gains the table sizes.
_main = sys.modules.get("__main__")
for _c in getattr(_main, "cmds", []):
    if _c.get("name") == "Set-ZsepSimulatedDevice" and "BindingTableSize" not in _c["params"]:
        _c["params"]["BindingTableSize"] = dict(type="Int32", desc="Entries the device's binding table holds (0 to 255; 16 by default). A Bind_req beyond it is answered TABLE_FULL; lowering it keeps the bindings it holds.")
        _c["params"]["NeighborTableSize"] = dict(type="Int32", desc="Entries the device's neighbor table holds (1 to 255; unlimited by default). A full table takes no new router neighbours; its parent and children always have room.")
        _c["sets"] = [[p for p in s if p not in ("Network", "PassThru", "WhatIf", "Confirm")] + ["BindingTableSize", "NeighborTableSize", "Network", "PassThru", "WhatIf", "Confirm"] for s in _c["sets"]]
        _c["description"] = _c["description"].replace("The change is stored in zsep.db.", "-BindingTableSize and -NeighborTableSize set the sizes of its binding and neighbor tables. The change is stored in zsep.db.")
