from maml import write
FRAME = "6188e6621a000038aa4802000038aa1e80282e2f9a02584ad0feff08ac7000515287015210a74fb734f1d9c888ef5e6db3c4"
NWKKEY = "01030507090B0D0F00020406080A0C0D"
cmds = [
 dict(name="ConvertFrom-ZsepFrame",
  synopsis="Decodes a Zigbee frame given as hex into a typed record, decrypting it with the keys you hold.",
  description="""ConvertFrom-ZsepFrame reads a frame as it went over the air, from a sniffer hex dump or a log line, and decodes every layer it can: the IEEE 802.15.4 MAC frame (data, acknowledgement, beacon with its Zigbee beacon payload, or MAC command), the Zigbee NWK frame and its commands, the APS frame and its commands (Transport Key, Update Device, Verify Key ...), and ZDO or ZCL with cluster, attribute and command names from the definition tables.

NWK-secured and APS-secured frames are decrypted with -NetworkKey, -LinkKey or keys derived from -InstallCode. The record's NwkSecurity and ApsSecurity properties say what happened: Decrypted, MicFailed (the key is wrong or the frame was altered), or NoKey. Keys are never shown in the output.

A frame may carry its 2-byte FCS or not. With -Fcs Auto (the default) the last two bytes are taken as an FCS only when they are a valid one. Captures from radios that replace the FCS with RSSI/LQI metadata need -Fcs Present.

A malformed frame gives a non-terminating error FrameMalformed<Layer> whose message names the field and the byte offset, and the command goes on with the next frame.""",
  sets=[["Hex","NetworkKey","LinkKey","InstallCode","Layer","Fcs"]],
  params={
   "Hex": dict(type="String[]", required=True, position="0", pipeline="True (ByValue, ByPropertyName)", desc="The frame as hex digits. Spaces, colons, dashes and 0x prefixes are ignored, so Wireshark's 'Copy as Hex Stream' and hex dumps both work."),
   "NetworkKey": dict(type="String", desc="The network key, 32 hex digits, to decrypt NWK-secured frames."),
   "LinkKey": dict(type="Object", desc="A link key (32 hex digits) tried for every APS-secured frame, or a hashtable of IEEE address to link key, such as @{ '00:0D:6F:00:0B:BC:AB:01' = '5A6967426565416C6C69616E63653039' }. The well-known default Trust Center link key ZigBeeAlliance09 is always tried last."),
   "InstallCode": dict(type="String[]", desc="Install codes whose derived link keys are tried for APS-secured frames. A QR string (Z:<ieee>$I:<code>) binds the key to its device."),
   "Layer": dict(type="FrameLayer", default="Mac", desc="The layer the hex starts at: Mac (a whole 802.15.4 frame, the default), Nwk, or Aps."),
   "Fcs": dict(type="FcsMode", default="Auto", desc="Auto: strip the last two bytes when they are a valid FCS. Present: the frame ends with two bytes that are not payload (an FCS or radio metadata); strip them and report whether they were a valid FCS. Absent: the frame has no FCS."),
  },
  inputs=[("System.String","Hex strings, or objects with a Hex property.")],
  outputs=[("Zsep.Stack.Frames.DecodedFrame","One record per frame, with the decoded layers (Mac, Nwk, NwkCommand, Aps, ApsCommand, Zdo, Zcl), the security outcome of each secured layer, Source, Destination, Cluster, Command and a one-line Summary.")],
  examples=[
   (f"ConvertFrom-ZsepFrame -Hex {FRAME} -NetworkKey {NWKKEY} -Fcs Present",
    "Decodes a NWK-secured ZCL frame captured from a router (a published vector of Nerivec/zigbee-on-host). The NWK payload is decrypted and the APS and ZCL layers are shown."),
   (f"ConvertFrom-ZsepFrame -Hex {FRAME} -Fcs Present",
    "Without the network key the NWK header is decoded and NwkSecurity is NoKey."),
   (f"$frames = '{FRAME}', '{FRAME}'\n$frames | ConvertFrom-ZsepFrame -NetworkKey {NWKKEY} -Fcs Present | Where-Object Layer -eq 'Zcl' | ForEach-Object {{ $_.Summary }}",
    "Frames come from the pipeline and the records can be filtered by their properties."),
  ],
  links=["ConvertTo-ZsepLinkKey","about_ZsepAdmin"]),
 dict(name="ConvertTo-ZsepLinkKey",
  synopsis="Checks an install code's CRC and derives its link key.",
  description="""An install code is 6, 8, 12 or 16 random bytes printed on a device with a CRC-16/X-25 of those bytes. The Trust Center derives the device's preconfigured link key from it with the AES-MMO hash (Zigbee Base Device Behavior 10.1).

ConvertTo-ZsepLinkKey accepts the code in every form found on labels: plain hex, groups separated by dashes, spaces or colons, and the QR string Z:<IEEE address>$I:<code>. It checks the CRC and returns the code, its CRC, the device's IEEE address when the QR form gives one, and the derived link key, which is what Wireshark's key table needs to decrypt the device's joining traffic.

A code whose CRC does not match is an error with the FullyQualifiedErrorId InstallCodeCrcMismatch,ZsepAdmin.Commands.ConvertToZsepLinkKeyCommand, and its message names the CRC that the code needs, so a mistyped digit is found quickly.""",
  sets=[["InstallCode"]],
  params={
   "InstallCode": dict(type="String[]", required=True, position="0", pipeline="True (ByValue, ByPropertyName)", desc="The install code with its 2-byte CRC, as printed on the label, or the QR string Z:<ieee>$I:<code>."),
  },
  inputs=[("System.String","Install codes from the pipeline, or objects with an InstallCode property (such as rows of a CSV of a meter batch).")],
  outputs=[("ZsepAdmin.InstallCodeKey","The code, its CRC, the code length in bytes, the IEEE address (from a QR string) and the derived link key as 32 hex digits.")],
  notes="The link key shown is derived from the install code you typed, for your own tools. Do not paste it into tickets or logs.",
  examples=[
   ("ConvertTo-ZsepLinkKey -InstallCode 83FED3407A939723A5C639B26916D505C3B5", "Derives the link key of the Zigbee BDB specification's example code: 66B6900981E1EE3CA4206B6B861C02BB."),
   ("'Z:000D6F0000BCAB01$I:83FED3407A939723A5C639B26916D505C3B5' | ConvertTo-ZsepLinkKey", "Reads the QR form, which also gives the device's IEEE address."),
   ("'83FE-D340-7A93-9723-A5C6-39FF-4C12', '11223344556677884AF7' | ConvertTo-ZsepLinkKey", "Several codes from the pipeline: a dashed 12-byte code and an 8-byte code."),
  ],
  links=["ConvertFrom-ZsepFrame","about_ZsepAdmin"]),
]
