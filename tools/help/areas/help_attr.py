# Help for the attribute, cluster and stack option cmdlets (issue 4 sections 1, 2, 7).
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session. Records that carry a Network property (nodes) bind it from the pipeline.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent and nothing is written.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."
IC = "2B8E4F016A7DC3955E12B0F7C48A6D392FDC"
METER = "00:0D:6F:00:0A:77:00:01"
JOIN = f"Add-ZsepSimulatedDevice -Kind Meter -Ieee {METER} -InstallCode {IC} -Position 25,10 -Register | Out-Null\nEnable-ZsepJoin -Duration 60 -Wait -ExpectCount 1 | Out-Null\n"
CLUSTER_DESC = "The cluster, by name from the definition tables (Metering, Basic, Price, DemandResponseLoadControl, ...; Tab completes them) or by number (0x0702 or 1794)."
NODE = dict(type="Zsep.Stack.Types.Eui64", required=True, position="0", pipeline="True (ByPropertyName)", aliases="Ieee",
            desc="The node's IEEE address. Nodes from Get-ZsepNode or Enable-ZsepJoin -Wait bind by their Ieee property.")
EP = dict(type="Byte", pipeline="True (ByPropertyName)", desc="The node's endpoint. When not given, the endpoint the interview after joining found with the cluster; 1 if it found none.")
TIMEOUT = dict(type="Int32", default="20", desc="Seconds of network time to wait for the node's answer (1 to 600).")

cmds = [
 dict(name="Get-ZsepCluster",
  synopsis="Lists the clusters of the gateway's Energy Service Interface endpoint, as clusters.conf configures them.",
  description="""Get-ZsepCluster lists the clusters the gateway's ESI endpoint (endpoint 1, Smart Energy profile 0x0109, device 0x0500) serves (Role Server: Basic, Identify, Time, Price, Demand Response and Load Control, Messaging, Key Establishment) and uses on devices (Role Client: Metering), with the number of attributes the gateway serves on each and the attribute defaults from clusters.conf.

clusters.conf is a text file in the network's folder. It is written with the default ESI when the network is formed, and when Connect-ZsepNetwork finds none; it is read and validated when the network is reopened. A malformed file stops Connect-ZsepNetwork with the error ClustersConfigInvalid, whose message names the file, the line and the problem. Change it with Set-ZsepCluster. """ + NOTOPEN,
  sets=[["Cluster","Endpoint","Network"]],
  params={
   "Cluster": dict(type="String[]", position="0", desc="Only these clusters (names or numbers)."),
   "Endpoint": dict(type="Byte", default="1", desc="The gateway endpoint (1, the ESI, unless clusters.conf lists others)."),
   "Network": NET,
  },
  inputs=[("None","You cannot pipe objects to Get-ZsepCluster.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCluster","One per cluster: endpoint, cluster id, name, role (Server or Client), attribute count and clusters.conf defaults.")],
  examples=[
   ("Get-ZsepCluster", "Lists the ESI's clusters: seven servers and the Metering client."),
   ("Get-ZsepCluster -Cluster Basic | ForEach-Object { $_.Defaults['ManufacturerName'] }", "Shows the manufacturer name clusters.conf gives the gateway's Basic cluster."),
  ],
  links=["Set-ZsepCluster","Get-ZsepClusterDefinition","about_ZsepAdmin"]),

 dict(name="Set-ZsepCluster",
  synopsis="Adds, changes or removes a cluster of the gateway's ESI in clusters.conf and applies it at once, without re-forming the network.",
  description="""Set-ZsepCluster edits one cluster line of clusters.conf: it adds the cluster (server or client), sets attribute defaults on it, or with -Remove takes it off. The file is written atomically (temporary file, flush, rename) and checked to load again; the change then applies to the running endpoint: its simple descriptor (what devices see with Simple_Desc_req and Match_Desc_req) and the attributes it serves. Handlers that other parts of the gateway registered on clusters that stay (Price, Messaging, ...) are kept. CLUSTERS_CHANGED is traced.

Attribute defaults are given as a hashtable of attribute names (or ids) and values, converted to the attribute's data type from the cluster table (numbers may be given as 0x hex text); $null removes a default. Errors: InvalidArgument for an unknown cluster or attribute, a value that does not fit, or removing a cluster that is not there. """ + NOTOPEN,
  sets=[["Cluster","Role","Remove","Attribute","Network","WhatIf","Confirm"]],
  params={
   "Cluster": dict(type="String", required=True, position="0", desc=CLUSTER_DESC),
   "Role": dict(type="Zsep.Stack.State.ClusterSide", required=True, desc="Server (the gateway serves the cluster's attributes and commands) or Client (it uses the cluster on devices)."),
   "Remove": dict(type="SwitchParameter", desc="Take the cluster off the endpoint and out of clusters.conf."),
   "Attribute": dict(type="Hashtable", desc="Attribute defaults, such as @{ ManufacturerName = 'Northwind Energy'; PowerSource = 1 }. Merged with the defaults already on the line."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("None","You cannot pipe objects to Set-ZsepCluster.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCluster","The cluster as it now is (nothing after -Remove).")],
  examples=[
   ("Set-ZsepCluster -Cluster Basic -Role Server -Attribute @{ ManufacturerName = 'Northwind Energy' }",
    "Gives the gateway's Basic cluster a new manufacturer name; devices that read it see the new name at once."),
   ("Set-ZsepCluster -Cluster Messaging -Role Server -Remove -WhatIf",
    "Shows that the Messaging server would be taken off the ESI, without changing anything."),
   ("Set-ZsepCluster -Cluster Metering -Role Server\nGet-ZsepCluster -Cluster Metering",
    "Adds a Metering server beside the Metering client: both sides are listed."),
  ],
  links=["Get-ZsepCluster","Get-ZsepClusterDefinition","about_ZsepAdmin"]),

 dict(name="Get-ZsepClusterDefinition",
  synopsis="Shows the attributes and commands of ZCL and Smart Energy clusters from the definition tables.",
  description="""Get-ZsepClusterDefinition shows what the gateway knows of a cluster: its id, name, the specification section, the attributes (id, name, data type, access, whether mandatory), the commands the server receives and the commands it generates. The same tables name the records of Read-ZsepAttribute, convert the values of Write-ZsepAttribute and Set-ZsepCluster, and complete -Cluster and -Attribute on Tab in every cmdlet.

Without -Cluster every defined cluster is listed. A name that is not a cluster gives the non-terminating error ClusterNotFound.""",
  sets=[["Cluster"]],
  params={
   "Cluster": dict(type="String[]", position="0", pipeline="True (ByPropertyName)", aliases="Name", desc=CLUSTER_DESC + " Records with a Name property (Get-ZsepCluster) bind it."),
  },
  inputs=[("System.String","Objects with a Name property, such as the records of Get-ZsepCluster.")],
  outputs=[("Zsep.Stack.Gateway.ZsepClusterDefinition","One per cluster: id, name, specification section, attributes, commands received and generated, aliases.")],
  examples=[
   ("(Get-ZsepClusterDefinition -Cluster Metering).Attributes | Where-Object Name -like '*Summation*' | ForEach-Object { '0x{0:X4} {1}' -f $_.Id, $_.Name }",
    "Lists the Metering summation attributes with their ids."),
   ("Get-ZsepCluster | Get-ZsepClusterDefinition", "The definitions of the clusters the gateway's ESI has."),
  ],
  links=["Get-ZsepCluster","Read-ZsepAttribute","about_ZsepAdmin"]),

 dict(name="Read-ZsepAttribute",
  synopsis="Reads attributes of a cluster from one node or many (ZCL Read Attributes), streaming the values as they arrive.",
  description="""Read-ZsepAttribute sends ZCL Read Attributes to each node and returns one record per attribute: node, endpoint, cluster, attribute id and name, data type, the typed value, the status, and a display value. For Metering summations and demands (CurrentSummationDelivered, InstantaneousDemand, ...) the display value applies the meter's UnitOfMeasure, Multiplier, Divisor and SummationFormatting or DemandFormatting (SE 1.4 D.3.2.2.4), as in "12345.678 kWh". The gateway reads these (and MeteringDeviceType) when it interviews a meter after its join and keeps them in the network's store, so a reading needs no extra request; when they are missing (a meter that joined before, or did not answer them) they are read just before its first energy reading. -Refresh reads them again, and a read that returns one of them with a new value updates the kept one.

Nodes from the pipeline are collected and read together: at most -ThrottleLimit requests are in flight per network (nodes of several networks on one medium are read at the same time), spaced a few tens of milliseconds apart, and the records are written as the answers arrive, with a progress bar. A node that does not answer is asked once more; if it still does not, the command writes one non-terminating NodeUnreachable error for it and goes on. An attribute the node does not have comes back as a record with Status UnsupportedAttribute (0x86) and a non-terminating UnsupportedAttribute error, beside the other attributes of the same call. A node that is not in the network gives NodeNotFound; an unknown cluster or attribute name stops the command with InvalidArgument. """ + NOTOPEN,
  sets=[["Node","Endpoint","Cluster","Attribute","ThrottleLimit","TimeoutSeconds","Refresh","Network"]],
  params={
   "Node": dict(NODE, type="Zsep.Stack.Types.Eui64[]"),
   "Endpoint": EP,
   "Cluster": dict(type="String", required=True, desc=CLUSTER_DESC),
   "Attribute": dict(type="String[]", required=True, desc="The attributes, by name from the cluster's table (Tab completes them) or by number (0x0000)."),
   "ThrottleLimit": dict(type="Int32", default="16", desc="Requests in flight at once (1 to 64)."),
   "TimeoutSeconds": TIMEOUT,
   "Refresh": dict(type="SwitchParameter", desc="Reads each meter's UnitOfMeasure, Multiplier, Divisor, SummationFormatting, DemandFormatting and MeteringDeviceType again before its energy readings, and keeps the new values, instead of using those the interview kept."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes (their Ieee and Network properties), from Get-ZsepNode or Enable-ZsepJoin -Wait.")],
  outputs=[("Zsep.Stack.Gateway.ZsepAttributeValue","One per node and attribute: Node, Endpoint, Cluster, Name, DataType, Value, Status, DisplayValue.")],
  examples=[
   (JOIN + f"Read-ZsepAttribute -Node {METER} -Cluster Metering -Attribute CurrentSummationDelivered, InstantaneousDemand",
    "Joins a simulated meter and reads its summation and demand; DisplayValue shows them in kWh and kW."),
   (JOIN + "Get-ZsepNode -DeviceType Router | Read-ZsepAttribute -Cluster Basic -Attribute ManufacturerName, ModelIdentifier",
    "Reads the manufacturer and model of every router, all at once."),
   (JOIN + f"Read-ZsepAttribute -Node {METER} -Cluster Metering -Attribute CurrentSummationDelivered, 0x7777 -ErrorAction SilentlyContinue -ErrorVariable problems\n$problems | ForEach-Object {{ $_.FullyQualifiedErrorId }}",
    "Reads an attribute the meter has and one it does not: both records come back, the second with Status UnsupportedAttribute, and the error is collected."),
   (JOIN + f"Read-ZsepAttribute -Node {METER} -Cluster Metering -Attribute CurrentSummationDelivered -Refresh",
    "Reads the meter's unit and formatting again before its summation, as after the meter's configuration changed."),
  ],
  links=["Write-ZsepAttribute","Set-ZsepReporting","Get-ZsepClusterDefinition","Get-ZsepNode","about_ZsepAdmin"]),

 dict(name="Write-ZsepAttribute",
  synopsis="Writes one attribute of a node (ZCL Write Attributes).",
  description="""Write-ZsepAttribute converts -Value to the attribute's data type from the cluster table and sends ZCL Write Attributes to the node. It returns the node's status for the attribute; a status other than SUCCESS (READ_ONLY, UNSUPPORTED_ATTRIBUTE, INVALID_VALUE, ...) is also a non-terminating error (UnsupportedAttribute or AttributeWriteFailed). A node that does not answer gives NodeUnreachable. """ + NOTOPEN,
  sets=[["Node","Endpoint","Cluster","Attribute","Value","TimeoutSeconds","Network","WhatIf","Confirm"]],
  params={
   "Node": NODE, "Endpoint": EP,
   "Cluster": dict(type="String", required=True, desc=CLUSTER_DESC),
   "Attribute": dict(type="String", required=True, desc="The attribute, by name or number."),
   "Value": dict(type="Object", required=True, desc="The value; numbers may be given as 0x hex text, text as a string."),
   "TimeoutSeconds": TIMEOUT,
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","A node (its Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepAttributeStatus","The node's status for the attribute.")],
  examples=[
   (JOIN + f"Write-ZsepAttribute -Node {METER} -Cluster Identify -Attribute IdentifyTime -Value 10",
    "Makes the meter identify itself for ten seconds."),
   (JOIN + f"Write-ZsepAttribute -Node {METER} -Cluster Identify -Attribute IdentifyTime -Value 30 -WhatIf",
    "Shows what would be written, without sending it."),
  ],
  links=["Read-ZsepAttribute","Get-ZsepClusterDefinition","about_ZsepAdmin"]),

 dict(name="Set-ZsepReporting",
  synopsis="Asks a node to report attributes to the gateway (ZCL Configure Reporting).",
  description="""Set-ZsepReporting sends ZCL Configure Reporting: the node reports the attributes to the gateway's ESI at least every -MaximumInterval seconds, and when an analog value changes by -ReportableChange, not more often than every -MinimumInterval seconds. The gateway keeps the reports it receives (Get-ZsepReport) and traces each one (ZCL_REPORT). One status per attribute is returned; a refusal is also a non-terminating error (UnsupportedAttribute or ReportingRefused). """ + NOTOPEN,
  sets=[["Node","Endpoint","Cluster","Attribute","MinimumInterval","MaximumInterval","ReportableChange","TimeoutSeconds","Network","WhatIf","Confirm"]],
  params={
   "Node": NODE, "Endpoint": EP,
   "Cluster": dict(type="String", required=True, desc=CLUSTER_DESC),
   "Attribute": dict(type="String[]", required=True, desc="The attributes to report, by name or number."),
   "MinimumInterval": dict(type="UInt16", required=True, desc="Seconds at least between two reports."),
   "MaximumInterval": dict(type="UInt16", required=True, desc="Seconds at most between reports; 0xFFFF (65535) stops periodic reports."),
   "ReportableChange": dict(type="Object", desc="For analog attributes, the change in raw units that causes a report (0 when not given)."),
   "TimeoutSeconds": TIMEOUT,
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","A node (its Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepAttributeStatus","One status per attribute.")],
  examples=[
   (JOIN + f"Set-ZsepReporting -Node {METER} -Cluster Metering -Attribute CurrentSummationDelivered -MinimumInterval 10 -MaximumInterval 60",
    "Asks the meter to report its summation at least every minute."),
  ],
  links=["Get-ZsepReport","Read-ZsepAttribute","about_ZsepAdmin"]),

 dict(name="Get-ZsepReport",
  synopsis="Lists the attribute reports the gateway received, oldest first.",
  description="""Get-ZsepReport lists the ZCL Report Attributes the gateway received since the network was opened (the last 1,000 are kept in memory): when, from which node and endpoint, the cluster, attribute, data type and value. """ + NOTOPEN,
  sets=[["Node","Cluster","Network"]],
  params={
   "Node": dict(type="Zsep.Stack.Types.Eui64[]", position="0", pipeline="True (ByPropertyName)", aliases="Ieee", desc="Only reports from these nodes."),
   "Cluster": dict(type="String", desc="Only reports of this cluster (name or number)."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes (their Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepAttributeReport","One per attribute reported.")],
  examples=[
   (JOIN + f"Set-ZsepReporting -Node {METER} -Cluster Metering -Attribute CurrentSummationDelivered -MinimumInterval 5 -MaximumInterval 30 | Out-Null\nStep-ZsepSimulation -Duration 00:02:00\nGet-ZsepReport -Node {METER} -Cluster Metering",
    "Configures reporting, lets two minutes pass and lists the summation reports the meter sent."),
  ],
  links=["Set-ZsepReporting","Read-ZsepAttribute","about_ZsepAdmin"]),

 dict(name="Get-ZsepStackOption",
  synopsis="Shows the gateway's APS options: acknowledgement wait, retries and fragmentation.",
  description="""Get-ZsepStackOption shows the coordinator's APS options (Zigbee PRO 05-3474-21 Table 2.24 and 2.2.8.4.5): apsAckWaitDuration, apsMaxFrameRetries, apsMaxWindowSize, the fragment block size, apsInterframeDelay and the reassembly timeout. """ + NOTOPEN,
  sets=[["Network"]],
  params={"Network": NET},
  inputs=[("None","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepStackOptions","The options in force.")],
  examples=[
   ("Get-ZsepStackOption", "Shows the default network's APS options."),
   ("'{0} s' -f (Get-ZsepStackOption).ApsAckWaitDuration.TotalSeconds", "Shows how long the gateway waits for an APS acknowledgement, in seconds."),
  ],
  links=["Set-ZsepStackOption","about_ZsepAdmin"]),

 dict(name="Set-ZsepStackOption",
  synopsis="Changes the gateway's APS options while the network runs; they are kept for the next Connect-ZsepNetwork.",
  description="""Set-ZsepStackOption changes the options given and leaves the others: they take effect with the next frame, are stored in the network's zsep.db, and apply again when the network is reopened. All given values are checked first: one out of range (InvalidArgument) changes nothing. STACK_OPTIONS is traced. """ + NOTOPEN,
  sets=[["ApsAckWaitDuration","ApsMaxFrameRetries","MaxWindowSize","FragmentBlockSize","InterframeDelay","ReassemblyTimeout","PassThru","Network","WhatIf","Confirm"]],
  params={
   "ApsAckWaitDuration": dict(type="TimeSpan", desc="apsAckWaitDuration: how long to wait for an APS acknowledgement before a retry (1 ms to 2 minutes; default 3 s)."),
   "ApsMaxFrameRetries": dict(type="Byte", desc="apsMaxFrameRetries: retries of an unacknowledged frame (0 to 10; default 3)."),
   "MaxWindowSize": dict(type="Byte", desc="apsMaxWindowSize: blocks of a fragmented frame sent before an acknowledgement is awaited (1 to 8; default 1)."),
   "FragmentBlockSize": dict(type="Byte", desc="Payload octets per block of a fragmented frame (16 to 64; default 48). Longer payloads are fragmented."),
   "InterframeDelay": dict(type="TimeSpan", desc="apsInterframeDelay: pause between the blocks of one window (0 to 1 s; default 50 ms)."),
   "ReassemblyTimeout": dict(type="TimeSpan", desc="How long a partly received fragmented frame is kept without news (default 10 s)."),
   "PassThru": dict(type="SwitchParameter", desc="Return the options after the change."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("None","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepStackOptions","With -PassThru, the options after the change.")],
  examples=[
   ("Set-ZsepStackOption -ApsAckWaitDuration 00:00:05 -ApsMaxFrameRetries 5 -PassThru",
    "Waits longer for acknowledgements and retries more often, for a deep mesh."),
   ("Set-ZsepStackOption -MaxWindowSize 4 -FragmentBlockSize 64 -WhatIf",
    "Shows the fragmentation change without making it."),
  ],
  links=["Get-ZsepStackOption","about_ZsepAdmin"]),
]
