# Help for the capture cmdlets (issue 7 section 3): Start-/Stop-ZsepCapture, Read-ZsepCapture, Export-ZsepWiresharkKey.
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."
IC = "5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3"
PCAP = "(Join-Path ([System.IO.Path]::GetTempPath()) 'joins.pcap')"
JOIN = f"Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0F:00:00:07 -InstallCode {IC} -Position 20,10 -Register | Out-Null\nEnable-ZsepJoin -Duration 60 -Wait -ExpectCount 1 | Out-Null\n"

cmds = [
 dict(name="Start-ZsepCapture",
  synopsis="Starts writing every frame the gateway's radio sends and receives to a pcap file that Wireshark opens.",
  description="""Start-ZsepCapture opens a pcap file (link type 283, IEEE 802.15.4 TAP) and, until Stop-ZsepCapture, writes every frame the gateway's radio sends and receives, as it was on the air: the MAC frame with its FCS, and in the TAP header the channel, and for received frames the RSSI (dBm) and LQI. Timestamps are network time (virtual time on the simulated medium).

Open the file in Wireshark and give it the keys (Export-ZsepWiresharkKey) to see NWK, APS, ZDO and ZCL, Smart Energy clusters included; or decode it here with Read-ZsepCapture.

With -Channel (simulated radios only) the capture comes from a promiscuous sniffer radio standing beside the coordinator on that channel instead: it hears every frame in its range, including traffic between other devices and frames of other networks on the channel, as a sniffer dongle would.

One capture runs per network at a time. Errors: CaptureFileExists (use -Force), CaptureRunning, CaptureFileError, SnifferNotSupported (-Channel on a hardware radio). If the disk fills, the capture ends and CAPTURE_STOPPED is traced; the network carries on. """ + NOTOPEN,
  sets=[["Path","Channel","Force","Network","WhatIf","Confirm"]],
  params={
   "Path": dict(type="String", required=True, position="0", desc="The pcap file to write."),
   "Channel": dict(type="Byte", desc="Capture with a promiscuous sniffer on this channel (11 to 26) on the simulated medium, instead of the gateway's own frames."),
   "Force": dict(type="SwitchParameter", desc="Overwrite the file if it exists."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCapture","The capture: network, source (Gateway or Sniffer), channel, frames and bytes written so far, path.")],
  examples=[
   (f"Start-ZsepCapture -Path {PCAP} -Force\n{JOIN}Stop-ZsepCapture",
    "Captures a meter's join (beacons, association, the Transport Key, the device announce) to joins.pcap in the temporary folder and reports how many frames were written."),
   (f"Start-ZsepCapture -Path {PCAP} -Channel (Get-ZsepNetwork).Channel -Force | Out-Null\n{JOIN}Stop-ZsepCapture",
    "Sniffs the network's channel beside the coordinator, so the capture also holds frames between other devices."),
  ],
  links=["Stop-ZsepCapture","Read-ZsepCapture","Export-ZsepWiresharkKey","about_ZsepAdmin"]),

 dict(name="Stop-ZsepCapture",
  synopsis="Stops the network's capture and closes the pcap file.",
  description="""Stop-ZsepCapture closes the file Start-ZsepCapture opened and returns the capture with the number of frames and bytes written. When no capture is running it writes a warning and nothing else. """ + NOTOPEN,
  sets=[["Network"]],
  params={"Network": NET},
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCapture","The finished capture.")],
  examples=[
   (f"Start-ZsepCapture -Path {PCAP} -Force | Out-Null\nStep-ZsepSimulation -Duration 00:00:30\nStop-ZsepCapture",
    "Captures thirty seconds of network time and closes the file."),
  ],
  links=["Start-ZsepCapture","Read-ZsepCapture"]),

 dict(name="Read-ZsepCapture",
  synopsis="Decodes the IEEE 802.15.4 frames of a pcap or pcapng file through every layer the keys allow.",
  description="""Read-ZsepCapture reads capture files written by Start-ZsepCapture or by other tools - classic pcap in either byte order with micro- or nanosecond timestamps, and pcapng - with the link types 195 (802.15.4 with FCS), 230 (without FCS) and 283 (802.15.4 TAP). Records of other link types are skipped and counted (-Verbose).

Each frame comes out as the same record ConvertFrom-ZsepFrame writes, decoded through MAC, NWK, APS, ZDO and ZCL as far as the keys allow, plus FrameNumber, Time, Channel, Rssi and Lqi from the capture. So `Read-ZsepCapture x.pcap | Where-Object Cluster -eq Metering` works.

Keys: -NetworkKey, -LinkKey and -InstallCode as for ConvertFrom-ZsepFrame, or -KeyFile with a file from Export-ZsepWiresharkKey. Several network keys can be given (-NetworkKey with a list, or a key file holding the keys of every sequence, as Export-ZsepWiresharkKey writes after Update-ZsepNetworkKey): a capture spanning a key rotation then decodes whole. Each NWK-secured frame names its key by the key sequence number in its auxiliary header; the keys known to have that number are tried first (a key file's label "sequence N", or the key that decrypted an earlier frame of that number), then the others. A frame that cannot be decoded gives a non-terminating MalformedFrame error naming its number, and reading goes on; a damaged file gives CaptureFormat naming the byte offset, after the frames before it.""",
  sets=[["Path","NetworkKey","LinkKey","InstallCode","KeyFile"]],
  params={
   "Path": dict(type="String[]", required=True, position="0", pipeline="True (ByValue, ByPropertyName)", desc="The capture files (FullName binds from Get-ChildItem)."),
   "NetworkKey": dict(type="Zsep.Stack.Types.ZigbeeKey[]", desc="The network key, 32 hex digits, or several (a capture spanning a key rotation): each frame is tried first with the key its key sequence number points at."),
   "LinkKey": dict(type="Object", desc="A link key for every device, a list of them, or a hashtable of IEEE address to key."),
   "InstallCode": dict(type="String[]", desc="Install codes whose derived link keys are tried."),
   "KeyFile": dict(type="String", desc="A Wireshark pre-configured keys file (zigbee_pc_keys, as Export-ZsepWiresharkKey writes): the entries labelled network key are network keys (every sequence; \"sequence N\" in the label gives its key sequence number); the others are tried as link keys."),
  },
  inputs=[("System.String","Paths of capture files.")],
  outputs=[("Zsep.Stack.Frames.DecodedFrame","One decoded frame per 802.15.4 record.")],
  examples=[
   (f"Start-ZsepCapture -Path {PCAP} -Force | Out-Null\n{JOIN}Stop-ZsepCapture | Out-Null\n$keys = Join-Path ([System.IO.Path]::GetTempPath()) 'zsep-keys.txt'\nExport-ZsepWiresharkKey -Path $keys -Force | Out-Null\nRead-ZsepCapture -Path {PCAP} -KeyFile $keys | Where-Object Command -eq 'Device_annce'",
    "Captures a join, exports the keys, and finds the meter's device announce among the decrypted frames."),
   (f"Start-ZsepCapture -Path {PCAP} -Force | Out-Null\n{JOIN}Update-ZsepNetworkKey -Force | Out-Null\nStep-ZsepSimulation -Duration 00:00:30\nStop-ZsepCapture | Out-Null\n$keys = Join-Path ([System.IO.Path]::GetTempPath()) 'zsep-keys.txt'\nExport-ZsepWiresharkKey -Path $keys -Force | Out-Null\n$frames = @(Read-ZsepCapture -Path {PCAP} -KeyFile $keys | Where-Object NwkAuxiliaryHeader)\n$sequences = @{{}}\n$frames | ForEach-Object {{ $sequences[\"$($_.NwkAuxiliaryHeader.KeySequenceNumber)\"] = $true }}\n'{{0}} secured frames under key sequences {{1}}; {{2}} not decrypted' -f $frames.Count, ($sequences.Keys -join ' and '), @($frames | Where-Object NwkSecurity -ne 'Decrypted').Count",
    "A capture spanning a network key rotation: with the keys of both sequences from Export-ZsepWiresharkKey, every secured frame decrypts."),
  ],
  links=["Start-ZsepCapture","ConvertFrom-ZsepFrame","Export-ZsepWiresharkKey"]),

 dict(name="Export-ZsepWiresharkKey",
  synopsis="Writes the network's keys in Wireshark's ZigBee pre-configured keys format (exports secrets).",
  description="""Export-ZsepWiresharkKey writes the network keys of every key sequence, the default Trust Center link key and each device's Trust Center link key (labelled with its IEEE address) as Wireshark's ZigBee pre-configured keys table: one line per key, "key","Normal","label". Copy the file into a Wireshark profile folder as zigbee_pc_keys, or enter the keys under Preferences > Protocols > ZigBee; Read-ZsepCapture -KeyFile reads it too.

The file holds secrets in clear text. The command therefore asks for confirmation (ConfirmImpact High; -Force skips it and overwrites an existing file), makes the file readable by its owner only on Linux and macOS, and traces KEYS_EXPORTED (never the keys). Errors: KeyFileExists, KeyFileError. """ + NOTOPEN,
  sets=[["Path","Force","Network","WhatIf","Confirm"]],
  params={
   "Path": dict(type="String", required=True, position="0", desc="The file to write."),
   "Force": dict(type="SwitchParameter", desc="Write without asking and overwrite an existing file."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("System.IO.FileInfo","The file written.")],
  examples=[
   ("Export-ZsepWiresharkKey -Path (Join-Path ([System.IO.Path]::GetTempPath()) 'zigbee_pc_keys') -Force",
    "Writes the keys to the temporary folder without asking."),
   ("Export-ZsepWiresharkKey -Path ./zigbee_pc_keys -WhatIf",
    "Shows what would be exported, without writing anything."),
  ],
  links=["Read-ZsepCapture","Start-ZsepCapture"]),
]

# ConvertFrom-ZsepFrame (in zsep_help_base.py) takes several network keys too.
import sys as _sys
for _c in getattr(_sys.modules.get("__main__"), "cmds", []):
    if _c.get("name") == "ConvertFrom-ZsepFrame" and "NetworkKey" in _c.get("params", {}) and "several" not in _c["params"]["NetworkKey"]["desc"]:
        _c["params"]["NetworkKey"] = dict(type="Zsep.Stack.Types.ZigbeeKey[]", desc="The network key, 32 hex digits, to decrypt NWK-secured frames; or several (the keys before and after a rotation), tried in the order the frame's key sequence number suggests.")
