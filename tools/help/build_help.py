# Help data for every exported ZsepAdmin cmdlet, written to module/en-US/ZsepAdmin.dll-Help.xml (MAML).
# Run from anywhere: python3 tools/help/build_help.py   (the test suite runs every example it holds)
# The first two entries are ConvertFrom-ZsepFrame and ConvertTo-ZsepLinkKey exactly as zsep_help.py has them.
import sys
import os
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from maml import write
import zsep_help_base as base   # the original entries (zsep_help.py without its write call)

OUT = os.path.join(HERE, "..", "..", "module", "en-US", "ZsepAdmin.dll-Help.xml")

NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session. Records that carry a Network property (nodes, install codes, simulated devices) bind it from the pipeline.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent on the network and nothing is written to the network folder.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."

EUI = "Zsep.Stack.Types.Eui64"
IC_AB01 = "83FED3407A939723A5C639B26916D505C3B5"   # Zigbee BDB example code (CRC C3B5)
IC_A = "5A3C9E1174B2D0486F1E2B7C9A0D3E51D9E3"      # 16-byte codes with valid CRC-16/X-25
IC_B = "C4173E5B2A90D86F1D55"                      # 8-byte code
IC_C = "9F02B7416D3CE85A11F0763B0DA7"              # 12-byte code
IC_D = "2B8E4F016A7DC3955E12B0F7C48A6D392FDC"
IC_E = "E1D40B7C36A58F2910BC7E43D5968A0F7D7F"

cmds = list(base.cmds)

cmds += [
 dict(name="New-ZsepNetwork",
  synopsis="Forms a Zigbee Smart Energy network (coordinator and Trust Center) and makes it the session's default network.",
  description="""New-ZsepNetwork creates the network's state folder, writes nwk_config.json (name, channel, PAN ID, extended PAN ID, coordinator IEEE address, radio, seed, Trust Center policy) and zsep.db (the network key, the Trust Center table, the nodes, frame counters), then starts the coordinator on the radio and forms the network (NLME-NETWORK-FORMATION). The event NWK_FORMED is written to trace.log. The new network becomes the session's default network, which the other cmdlets use when -Network is not given.

What is not given is chosen: the channel by an energy scan of channels 11, 15, 20 and 25 (the quietest wins; on a tie the higher channel, which overlaps Wi-Fi least), the PAN ID and extended PAN ID at random, and the network key from the operating system's cryptographic generator (never from -Seed). The key is stored in zsep.db and never shown.

The folder is <state root>/<Name>, where the state root is $env:ZSEP_STATE_ROOT when set, else the user's local application data folder (ZsepAdmin/networks), unless -StatePath names another folder. On Linux and macOS the folder is made readable by its owner only.

Errors: NetworkAlreadyOpen (terminating) when a network of that name is open in the session; NetworkStateAlreadyExists when the folder already holds a network (use -Force to replace it) or holds other files (never emptied, -Force or not); NetworkStateLocked when another process has that network open; NetworkStateIoError when the folder cannot be written; InvalidArgument for a name that is not a plain folder name or a channel outside 11 to 26; RadioUnavailable when the serial port or TCP endpoint cannot be opened or the radio does not answer; RadioFirmwareIncompatible when the radio's Spinel protocol or RCP API version is not one this driver speaks (the message names both).

-Radio sim://<medium> (the default) puts the coordinator on a simulated 2.4 GHz medium of that name, shared by every network and simulated device that names the same medium, in virtual time. -Radio /dev/ttyACM0, COM5, serial:///dev/ttyUSB0?baud=115200&flow=rtscts or tcp://host:6638 runs it on a radio co-processor with OpenThread RCP firmware (Spinel over HDLC), in real time; see Get-ZsepRadio and Test-ZsepRadio.""",
  sets=[["Name","Channel","PanId","ExtendedPanId","NetworkKey","StatePath","Radio","Seed","Force","WhatIf","Confirm"]],
  params={
   "Name": dict(type="String", position="0", default="zsep", desc="The network's name: a letter or digit followed by up to 63 letters, digits, dots, dashes or underscores. It names the state folder and is what -Network takes in the other cmdlets."),
   "Channel": dict(type="Byte", desc="The 2.4 GHz channel, 11 to 26. When not given, the quietest of 11, 15, 20 and 25 is chosen by an energy scan."),
   "PanId": dict(type="Zsep.Stack.Types.PanId", desc="The 16-bit PAN ID, as hex text such as '0x1A62' (quote it: an unquoted 0x1A62 reaches the cmdlet as a decimal number). Random when not given."),
   "ExtendedPanId": dict(type=EUI, desc="The 64-bit extended PAN ID, as 16 hex digits with or without colons. Random when not given. Devices commissioned for this network look for it."),
   "NetworkKey": dict(type="Zsep.Stack.Types.ZigbeeKey", desc="A fixed network key as 32 hex digits, for a lab network whose traffic you decrypt with ConvertFrom-ZsepFrame or Wireshark. When not given a random key is made by the operating system's cryptographic generator, which is what a production network must use. A malformed key is refused with a message that never repeats it."),
   "StatePath": dict(type="String", desc="The folder for the network's state (nwk_config.json, zsep.db, trace.log). Default: $env:ZSEP_STATE_ROOT/<Name> when the variable is set, else <LocalApplicationData>/ZsepAdmin/networks/<Name>."),
   "Radio": dict(type="String", default="sim://default", desc="The radio: sim://<medium> for a simulated medium of that name. Networks and simulated devices on the same medium hear each other. A serial port (/dev/ttyACM0, COM5, or serial://<port>?baud=<n>&flow=rtscts; 460800 baud by default) or tcp://host:port (a radio behind ser2net) for an OpenThread RCP."),
   "Seed": dict(type="Int32", desc="The seed of the simulated medium and of the random choices (PAN ID, extended PAN ID, coordinator address, grid addresses), so a lab run can be repeated. It is stored in nwk_config.json. It never seeds the network key."),
   "Force": dict(type="SwitchParameter", desc="Re-use a folder that already holds a network's state: that state (key, Trust Center table, nodes, trace) is deleted first. A folder that holds other files is never emptied. A network that is open (in this or another process) cannot be replaced."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("None","You cannot pipe objects to New-ZsepNetwork.")],
  outputs=[("Zsep.Stack.Gateway.ZsepNetwork","The formed network: name, channel, PAN ID, extended PAN ID, coordinator IEEE address, radio, state, node count and state folder. Never the key.")],
  examples=[
   ("New-ZsepNetwork -Name depot-lab -Radio sim://depot-lab",
    "Forms the network depot-lab on its own simulated medium; the channel is chosen by an energy scan. It becomes the session's default network."),
   ("New-ZsepNetwork -Name estate-12 -Channel 20 -PanId '0x1A62' -NetworkKey 01030507090B0D0F00020406080A0C0D -Radio sim://estate-12 -Seed 42",
    "Forms a lab network with a fixed channel, PAN ID, network key and seed, so that a capture of its traffic can be decrypted with ConvertFrom-ZsepFrame -NetworkKey and the run repeated. Never fix the key of a production network."),
   ("New-ZsepNetwork -Name trial-9 -WhatIf",
    "Shows the folder and radio the network would use, without forming it."),
  ],
  links=["Connect-ZsepNetwork","Get-ZsepNetwork","Disconnect-ZsepNetwork","Remove-ZsepNetwork","Enable-ZsepJoin","about_ZsepAdmin"]),

 dict(name="Get-ZsepNetwork",
  synopsis="Gets the networks open in this session.",
  description="""Get-ZsepNetwork lists the networks that New-ZsepNetwork formed or Connect-ZsepNetwork reopened in this session and that are still open, with their channel, PAN ID, extended PAN ID, coordinator address, radio, node count (from zsep.db), when permit joining closes (PermitJoinUntil, in network time; empty when closed), the state folder, and IsDefault for the session's default network.

It reads nothing from the air and changes nothing. Networks stored on disk but not open are not listed: reopen them with Connect-ZsepNetwork. The network key is never shown.

A name that matches no open network gives no output and no error.""",
  sets=[["Name"]],
  params={
   "Name": dict(type="String[]", position="0", globbing="true", desc="Names of networks to get; wildcards are allowed. All open networks when not given."),
  },
  inputs=[("None","You cannot pipe objects to Get-ZsepNetwork.")],
  outputs=[("Zsep.Stack.Gateway.ZsepNetwork","One record per open network.")],
  examples=[
   ("Get-ZsepNetwork", "Lists the open networks; IsDefault marks the one the other cmdlets use when -Network is not given."),
   ("Get-ZsepNetwork | Where-Object IsDefault", "Gets the session's default network, for instance to read its StatePath or PermitJoinUntil."),
   ("Get-ZsepNetwork -Name estate-*", "Gets the open networks whose names start with estate-."),
  ],
  links=["New-ZsepNetwork","Connect-ZsepNetwork","Disconnect-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Connect-ZsepNetwork",
  synopsis="Reopens a network stored on disk and makes it the session's default network.",
  description="""Connect-ZsepNetwork reads a network folder (nwk_config.json and zsep.db) and restarts its coordinator and Trust Center with the same channel, PAN ID, extended PAN ID, network key, Trust Center table and nodes. Outgoing frame counters resume above every value used before, so devices do not reject the gateway's frames as replays. The simulated devices stored with the network are put back on their medium and rejoin. NWK_RESUMED is written to trace.log. The network becomes the session's default.

Use it after Disconnect-ZsepNetwork, in a new session, or to move a network folder between machines.

Errors (non-terminating, so several folders can be piped): NetworkStateNotFound when the folder or one of its files does not exist; NetworkStateConfigSyntax when nwk_config.json is not well-formed JSON (the message gives the line); NetworkStateInvalidConfig when a field is missing or out of range (the message names it); NetworkStateCorruptStore when zsep.db is not a readable network store or has no key for the configured key sequence; NetworkStateSchemaTooNew when zsep.db was written by a newer version; NetworkStateLocked when another process (or this session) has the network open; NetworkAlreadyOpen when a network of the same name is already open in this session.""",
  sets=[["StatePath"]],
  params={
   "StatePath": dict(type="String", required=True, position="0", pipeline="True (ByPropertyName)", desc="The network's folder, the one that holds nwk_config.json and zsep.db. A ZsepNetwork record (from Get-ZsepNetwork) binds it by its StatePath property."),
  },
  inputs=[("System.String","Objects with a StatePath property, such as the records of Get-ZsepNetwork.")],
  outputs=[("Zsep.Stack.Gateway.ZsepNetwork","The reopened network.")],
  examples=[
   ("$net = New-ZsepNetwork -Name substation-4 -Radio sim://substation-4\nDisconnect-ZsepNetwork -Network substation-4\nConnect-ZsepNetwork -StatePath $net.StatePath",
    "Forms a network, stops it, and reopens it from its folder: the same PAN, keys and Trust Center table."),
   ("$net = Get-ZsepNetwork | Where-Object IsDefault\nDisconnect-ZsepNetwork -Network $net.Name\n$net | Connect-ZsepNetwork",
    "Restarts the default network's stack: the record from Get-ZsepNetwork gives Connect-ZsepNetwork its StatePath through the pipeline. Its simulated devices come back on the medium and rejoin."),
  ],
  links=["Disconnect-ZsepNetwork","New-ZsepNetwork","Get-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Disconnect-ZsepNetwork",
  synopsis="Stops a network's stack; its state stays on disk for Connect-ZsepNetwork.",
  description="""Disconnect-ZsepNetwork stops the coordinator and Trust Center of an open network, releases its radio and closes zsep.db and trace.log, so the folder can be copied or opened by another process. Its simulated devices leave the medium (they stay in the store and come back with Connect-ZsepNetwork). Nothing is deleted: use Remove-ZsepNetwork for that.

If the network was the session's default, the session has no default network afterwards: give -Network to the other cmdlets, or reopen a network with Connect-ZsepNetwork.

""" + NOTOPEN,
  sets=[["Network","PassThru","WhatIf","Confirm"]],
  params={
   "Network": NET,
   "PassThru": dict(type="SwitchParameter", desc="Writes the network's record after stopping it, with State Disconnected."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property (nodes, install codes, simulated devices of the network).")],
  outputs=[("None","By default, no output."),("Zsep.Stack.Gateway.ZsepNetwork","With -PassThru, the stopped network.")],
  examples=[
   ("$net = Get-ZsepNetwork | Where-Object IsDefault\nDisconnect-ZsepNetwork\nConnect-ZsepNetwork -StatePath $net.StatePath",
    "Stops the default network (for instance before backing up its folder) and opens it again."),
   ("Disconnect-ZsepNetwork -WhatIf", "Shows which network would be stopped."),
  ],
  links=["Connect-ZsepNetwork","Remove-ZsepNetwork","Get-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Remove-ZsepNetwork",
  synopsis="Stops a network and deletes its state folder: network key, Trust Center table, nodes and trace.",
  description="""Remove-ZsepNetwork stops the network's stack as Disconnect-ZsepNetwork does, then deletes its folder: nwk_config.json, zsep.db (the network key, every registered install code and link key, the node table, frame counters), trace.log and its rotations. Devices that joined cannot be managed afterwards: they keep the old network key, and the network must be formed again and every device re-commissioned. This cannot be undone.

Its ConfirmImpact is High, so it asks for confirmation unless -Force or -Confirm:$false is given; -WhatIf shows what would be deleted.

""" + NOTOPEN + " A network that is not open cannot be removed with this command: reopen it with Connect-ZsepNetwork first.",
  sets=[["Network","Force","WhatIf","Confirm"]],
  params={
   "Network": NET,
   "Force": dict(type="SwitchParameter", desc="Removes without asking for confirmation. -WhatIf still only shows what would happen."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property; ZsepNetwork records bind by their Name (an alias property Network).")],
  outputs=[("None","This command writes no output.")],
  examples=[
   ("Remove-ZsepNetwork -WhatIf", "Shows which network and folder would be deleted, without deleting anything."),
   ("New-ZsepNetwork -Name bench-old -Radio sim://bench-old | Out-Null\nNew-ZsepNetwork -Name bench-new -Radio sim://bench-new | Out-Null\nRemove-ZsepNetwork -Network bench-old -Force",
    "Replaces a bench network by a new one: bench-new, formed last, is the default network, and bench-old and its folder are deleted without a prompt."),
  ],
  links=["Disconnect-ZsepNetwork","New-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Add-ZsepInstallCode",
  synopsis="Registers a device's install code with the Trust Center, so that the device can join.",
  description="""A Smart Energy device joins only if the Trust Center knows its link key. Add-ZsepInstallCode checks the install code's CRC, derives the link key from it (AES-MMO hash, Zigbee BDB 10.1) and stores the device (IEEE address, code, key) in the Trust Center table of zsep.db with the status Pending. The key is handed to the running Trust Center at once. INSTALL_CODE_ADDED is written to trace.log with the code's CRC (never the code or the key).

The same pair again changes nothing (Outcome Unchanged). A different code for a device that has one gives the non-terminating error InstallCodeConflict, whose message gives the registered code's CRC; -Force replaces it (Outcome Updated).

The code may be given in any form printed on labels (plain hex, dashed or spaced groups, or the QR string Z:<ieee>$I:<code>). A code whose CRC is wrong gives InstallCodeCrcMismatch (the message names the CRC the code needs), one of the wrong length InstallCodeBadLength, text that is not hex InstallCodeBadCharacters; each is also traced as ERR_AUTH_SEC_FAIL. A QR string for another device than -Ieee gives InstallCodeIeeeMismatch. Errors are per device: piped batches go on with the next row.

""" + NOTOPEN,
  sets=[["Ieee","InstallCode","Network","Force","WhatIf","Confirm"]],
  params={
   "Ieee": dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", desc="The device's IEEE (EUI-64) address, as 16 hex digits with or without colons or dashes, as on its label. Aliases: IeeeAddress, Eui64."),
   "InstallCode": dict(type="String", required=True, position="1", pipeline="True (ByPropertyName)", desc="The install code with its CRC as printed on the label (6, 8, 12 or 16 bytes plus 2 CRC bytes), in plain hex, in groups separated by dashes, spaces or colons, or as the QR string Z:<ieee>$I:<code> (quote it in single quotes). Alias: Code."),
   "Network": NET,
   "Force": dict(type="SwitchParameter", desc="Replaces a different code already registered for the device. The device must then join with the new code."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with Ieee and InstallCode (or Code) properties, such as the rows of a utility's meter batch file read with Import-Csv.")],
  outputs=[("Zsep.Stack.Gateway.ZsepInstallCode","The registered device: IEEE address, the code's CRC, status, time added and Outcome (Added, Unchanged or Updated). Never the code or the key.")],
  notes="The install code is a secret until the device has joined: it gives the link key that protects the network key in transit. Keep batch files out of tickets and logs.",
  examples=[
   (f"Add-ZsepInstallCode -Ieee 00:0D:6F:00:0B:BC:AB:01 -InstallCode {IC_AB01}",
    "Registers the Zigbee BDB specification's example code for a meter. The output shows the CRC C3B5 and the status Pending."),
   (f"[pscustomobject]@{{ Ieee = '00:0D:6F:00:0B:BC:AB:01'; InstallCode = '{IC_AB01}' }},\n[pscustomobject]@{{ Ieee = '00:0D:6F:00:0B:BC:AB:02'; InstallCode = '{IC_C}' }} | Add-ZsepInstallCode",
    "Registers devices from the pipeline by their Ieee and InstallCode properties. A utility's batch file is registered the same way with Import-Csv .\\meters.csv | Add-ZsepInstallCode. The first device was registered already with the same code, so its Outcome is Unchanged."),
   (f"Add-ZsepInstallCode -Ieee 00:0D:6F:00:0B:BC:AB:03 -InstallCode 'Z:000D6F000BBCAB03$I:{IC_B}'",
    "Registers a device from the text of its QR label, which also carries its IEEE address; the address must be the one given by -Ieee."),
  ],
  links=["Get-ZsepInstallCode","Remove-ZsepInstallCode","ConvertTo-ZsepLinkKey","Enable-ZsepJoin","Get-ZsepTrustCenterPolicy","about_ZsepAdmin"]),

 dict(name="Get-ZsepInstallCode",
  synopsis="Gets the devices registered with the Trust Center, with their install code's CRC and status.",
  description="""Get-ZsepInstallCode reads the Trust Center table of the network's zsep.db: for each registered device its IEEE address, the CRC of its install code (to tell codes apart without showing them), when it was added, and its status: Pending (registered, not joined yet) or Joined (it received the network key and announced itself). The install code and the link key are never shown.

An IEEE address that is not registered gives no output and no error.

""" + NOTOPEN,
  sets=[["Ieee","Network"]],
  params={
   "Ieee": dict(type="Zsep.Stack.Types.Eui64[]", position="0", pipeline="True (ByPropertyName)", desc="IEEE addresses of the devices to get; every registered device when not given. Tab completion offers the registered devices and nodes."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Types.Eui64","Objects with an Ieee property, such as nodes or simulated devices.")],
  outputs=[("Zsep.Stack.Gateway.ZsepInstallCode","One record per registered device.")],
  examples=[
   ("Get-ZsepInstallCode", "Lists every device registered with the default network's Trust Center."),
   (f"Add-ZsepInstallCode -Ieee 00:0D:6F:00:0B:BC:AB:04 -InstallCode {IC_D} | Out-Null\nGet-ZsepInstallCode | Where-Object Status -eq Pending",
    "Lists the devices registered but not joined yet: the meters still to be installed or still out of range."),
   ("Get-ZsepInstallCode -Ieee 00:0D:6F:00:0B:BC:AB:04", "Gets one device's registration."),
  ],
  links=["Add-ZsepInstallCode","Remove-ZsepInstallCode","Get-ZsepNode","about_ZsepAdmin"]),

 dict(name="Remove-ZsepInstallCode",
  synopsis="Forgets a device's install code and link key; the device can no longer join.",
  description="""Remove-ZsepInstallCode deletes a device from the Trust Center table in zsep.db and drops its link key from the running Trust Center. From then on the Trust Center refuses the device's joins (traced as ERR_AUTH_SEC_FAIL). A device that has already joined is not made to leave by this command.

Its ConfirmImpact is High: it asks for confirmation unless -Force or -Confirm:$false is given.

A device that is not registered gives the non-terminating error InstallCodeNotFound. """ + NOTOPEN,
  sets=[["Ieee","Network","Force","WhatIf","Confirm"]],
  params={
   "Ieee": dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", desc="The IEEE address of the device to forget. Records of Get-ZsepInstallCode bind it (and -Network) from the pipeline."),
   "Network": NET,
   "Force": dict(type="SwitchParameter", desc="Removes without asking for confirmation. -WhatIf still only shows what would happen."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepInstallCode","Records of Get-ZsepInstallCode, or any objects with an Ieee property.")],
  outputs=[("None","This command writes no output.")],
  examples=[
   (f"Add-ZsepInstallCode -Ieee 00:0D:6F:00:0B:BC:AB:09 -InstallCode {IC_E} | Out-Null\nRemove-ZsepInstallCode -Ieee 00:0D:6F:00:0B:BC:AB:09 -Force",
    "Registers a device by mistake and removes it again without a prompt."),
   ("Get-ZsepInstallCode | Where-Object Status -eq Pending | Remove-ZsepInstallCode -WhatIf",
    "Shows which registrations that never joined would be removed."),
  ],
  links=["Add-ZsepInstallCode","Get-ZsepInstallCode","about_ZsepAdmin"]),

 dict(name="Get-ZsepTrustCenterPolicy",
  synopsis="Gets the Trust Center's admission policy.",
  description="""Get-ZsepTrustCenterPolicy shows how the network's Trust Center admits devices, as stored in nwk_config.json:

RequireInstallCode (default True): only devices whose install code was registered with Add-ZsepInstallCode receive the network key; a device that offers the well-known default link key (ZigBeeAlliance09) is refused. Smart Energy networks require install codes.

AllowJoinThroughRouter (default True): a device may join through a router already on the network (the router relays the request to the Trust Center with APS Update Device). When False, devices must associate directly with the coordinator; set it after commissioning to close the mesh to new devices.

""" + NOTOPEN,
  sets=[["Network"]],
  params={"Network": NET},
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepTrustCenterPolicy","The network's name and its two policy settings.")],
  examples=[
   ("Get-ZsepTrustCenterPolicy", "Shows the default network's admission policy."),
   ("Get-ZsepNetwork | Get-ZsepTrustCenterPolicy", "Shows the policy of every open network (a network record binds -Network by its Name)."),
  ],
  links=["Set-ZsepTrustCenterPolicy","Add-ZsepInstallCode","Enable-ZsepJoin","about_ZsepAdmin"]),

 dict(name="Set-ZsepTrustCenterPolicy",
  synopsis="Changes the Trust Center's admission policy, at once and in nwk_config.json.",
  description="""Set-ZsepTrustCenterPolicy changes the settings given and keeps the others. The running Trust Center applies the change to the next join request, and nwk_config.json is rewritten so that the policy survives Disconnect-ZsepNetwork and Connect-ZsepNetwork.

See Get-ZsepTrustCenterPolicy for what the settings mean. Turning RequireInstallCode off lets any device that knows the well-known default link key receive the network key: do it only on a lab network.

""" + NOTOPEN + " A folder that cannot be written gives NetworkStateIoError.",
  sets=[["AllowJoinThroughRouter","RequireInstallCode","RequireKeyEstablishment","Network","PassThru","WhatIf","Confirm"]],
  params={
   "AllowJoinThroughRouter": dict(type="Boolean", desc="$true: devices may join through routers; $false: only directly through the coordinator. Unchanged when not given."),
   "RequireInstallCode": dict(type="Boolean", desc="$true: only devices with a registered install code are admitted; $false: devices with the well-known default link key are admitted too. Unchanged when not given."),
   "RequireKeyEstablishment": dict(type="Boolean", desc="When $true, Smart Energy traffic (every SE cluster but Key Establishment) with a device is refused, in both directions, until the device completed key establishment (Start-ZsepKeyEstablishment; devices with certificates run it after joining). Refused frames are traced as ERR_KE_REQUIRED; the gateway's attribute commands fail with KeyEstablishmentRequired. Unchanged when not given."),
   "Network": NET,
   "PassThru": dict(type="SwitchParameter", desc="Writes the policy after the change."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("None","By default, no output."),("Zsep.Stack.Gateway.ZsepTrustCenterPolicy","With -PassThru, the policy after the change.")],
  examples=[
   ("Set-ZsepTrustCenterPolicy -AllowJoinThroughRouter $false -PassThru",
    "After commissioning, admits new devices only when they associate directly with the coordinator."),
   ("Set-ZsepTrustCenterPolicy -RequireInstallCode $false -WhatIf",
    "Shows the change without making it: admitting devices without an install code is for lab networks only."),
   ("Set-ZsepTrustCenterPolicy -AllowJoinThroughRouter $true -RequireInstallCode $true",
    "Restores the default policy."),
  ],
  links=["Get-ZsepTrustCenterPolicy","Add-ZsepInstallCode","about_ZsepAdmin"]),

 dict(name="Enable-ZsepJoin",
  synopsis="Opens the network for joining and, with -Wait, writes each node as it joins.",
  description="""Enable-ZsepJoin permits joining on the coordinator and broadcasts Mgmt_Permit_Joining_req (Zigbee PRO 2.4.3.3.7) so that every router permits it too, for -Duration seconds. Routers that join while the network is open are told the time left, so devices further out can join through them. PERMIT_JOIN is written to trace.log, and PermitJoinUntil of Get-ZsepNetwork shows when joining closes (in network time).

A device joins when the Trust Center knows its install code (see Add-ZsepInstallCode and Get-ZsepTrustCenterPolicy): it associates, receives the network key encrypted with its link key, and announces itself. Each join is recorded in zsep.db (the node, and the status Joined in the Trust Center table) and traced as DEVICE_JOINED; refused devices are traced as ERR_AUTH_SEC_FAIL.

Without -Wait the command returns at once and the network stays open while the session drives it (Step-ZsepSimulation, or any command that waits). With -Wait it drives the network for the duration, shows a progress bar with the count of joins and the time left, and writes a ZsepNode for each device as it joins; -ExpectCount stops the wait when that many devices have joined (joining stays permitted until the duration ends or Disable-ZsepJoin). If fewer joined, a warning says how many. Ctrl+C stops the wait. On the simulated radio the duration is virtual time, which passes as fast as the computer allows.

""" + NOTOPEN + " A hardware radio lost while waiting gives the terminating error RadioUnavailable.",
  sets=[["Duration","Node","Network","Wait","ExpectCount","WhatIf","Confirm"]],
  params={
   "Duration": dict(type="Int32", position="0", default="180", desc="Seconds to permit joining, 1 to 254."),
   "Node": dict(type="Eui64", pipeline="True (ByPropertyName)", desc="Opens joining on this router only (Mgmt_Permit_Joining_req sent to it alone), to commission a device near it while the coordinator and the other routers stay closed. Records of Get-ZsepNode bind it by their Ieee property. An end device or an unknown address gives the non-terminating error NotARouter."),
   "Wait": dict(type="SwitchParameter", desc="Waits while the network is open, showing a countdown, and writes each node as it joins."),
   "ExpectCount": dict(type="Int32", desc="With -Wait: stop waiting once this many devices have joined; a warning is written if fewer join before the duration ends."),
   "Network": NET,
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("None","Without -Wait, no output."),("Zsep.Stack.Gateway.ZsepNode","With -Wait, one record per device that joined, as it joins.")],
  examples=[
   ("Add-ZsepSimulatedDevice -Kind Meter -Count 20 -Spacing 40 -Register | Out-Null\nEnable-ZsepJoin -Duration 120 -Wait -ExpectCount 20",
    "Puts 20 simulated meters on a 40 m grid with their install codes registered, opens the network and writes each meter as it joins, directly or through the meters nearer the coordinator, until all 20 have joined."),
   ("Enable-ZsepJoin -Duration 254", "Opens the network for 254 seconds and returns at once; installers can then power up devices."),
   ("Enable-ZsepJoin -Duration 60 -Wait | ForEach-Object { '{0} joined as {1} through {2}' -f $_.Ieee, $_.NwkAddress, $_.Parent }",
    "Waits a minute and reports each join on one line."),
  ],
  links=["Disable-ZsepJoin","Add-ZsepInstallCode","Get-ZsepNode","Add-ZsepSimulatedDevice","Get-ZsepTrace","about_ZsepAdmin"]),

 dict(name="Disable-ZsepJoin",
  synopsis="Closes joining on the coordinator and every router.",
  description="""Disable-ZsepJoin stops permitting joins on the coordinator and broadcasts Mgmt_Permit_Joining_req with a duration of 0, so every router stops too, then drives the network for half a second so the broadcast goes out. PERMIT_JOIN closed is written to trace.log. Devices already joined stay.

""" + NOTOPEN,
  sets=[["Network","WhatIf","Confirm"]],
  params={"Network": NET, "WhatIf": whatif(), "Confirm": confirm()},
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("None","This command writes no output.")],
  examples=[
   ("Enable-ZsepJoin -Duration 180\nDisable-ZsepJoin", "Opens the network and closes it again before the three minutes are over."),
   ("Disable-ZsepJoin -WhatIf", "Shows which network would be closed."),
  ],
  links=["Enable-ZsepJoin","Get-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Get-ZsepNode",
  synopsis="Gets the nodes of the network: the Trust Center's table joined with live routing data.",
  description="""Get-ZsepNode lists the devices that joined the network, from the node table of zsep.db, completed with what the coordinator knows now: the node's network address, device type (Router or EndDevice), its parent's network address (0x0000 for the coordinator's children), the number of hops from the coordinator, the link quality (LQI) and RSSI where the coordinator has them, when it joined and was last seen, and its status. Nodes are sorted by hop count, then network address.

Devices that are registered but have not joined are not nodes: see Get-ZsepInstallCode.

An IEEE address given with -Ieee that is not a node gives the non-terminating error NodeNotFound. """ + NOTOPEN,
  sets=[["Ieee","DeviceType","Network"]],
  params={
   "Ieee": dict(type="Zsep.Stack.Types.Eui64[]", position="0", pipeline="True (ByPropertyName)", desc="IEEE addresses of the nodes to get; every node when not given."),
   "DeviceType": dict(type="Zsep.Stack.Node.NodeDeviceType[]", desc="Only nodes of these types: Router or EndDevice (meters, load control devices and range extenders are routers; in-home displays are end devices)."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Types.Eui64","Objects with an Ieee property, such as the records of Get-ZsepInstallCode or Get-ZsepSimulatedDevice.")],
  outputs=[("Zsep.Stack.Gateway.ZsepNode","One record per node.")],
  examples=[
   ("Get-ZsepNode", "Lists the nodes of the default network, nearest the coordinator first."),
   ("Get-ZsepNode -DeviceType Router | Where-Object HopCount -gt 1",
    "Lists the routers that reach the coordinator through another router: after Add-ZsepSimulatedDevice -Kind Meter -Count 20 -Spacing 40 -Register and Enable-ZsepJoin -Wait, the meters at the far side of the grid."),
   ("Get-ZsepInstallCode | Where-Object Status -eq Joined | Get-ZsepNode",
    "Gets the nodes of the registered devices that have joined: the records of Get-ZsepInstallCode bind -Ieee and -Network."),
  ],
  links=["Get-ZsepInstallCode","Enable-ZsepJoin","Get-ZsepTrace","about_ZsepAdmin"]),

 dict(name="Get-ZsepTrace",
  synopsis="Gets events of the network's trace log (trace.log), oldest first.",
  description="""Every network writes its events to trace.log in its folder: formation, permit joining, install codes added, joins, leaves, refused devices and failed MICs, frame counter rejections, MAC and routing failures, store errors. Each line has a time (network time: virtual time on the simulated radio, which starts at 2026-01-01 00:00:00 UTC), a level (Debug, Info, Warning, Error), a code, the node it concerns (an IEEE address, a network address, or none) and a detail. Secrets never appear in the trace.

Get-ZsepTrace reads the file and its rotations (trace.log.1 to trace.log.3; a file is rotated at 5 MB) and filters by code, node, time and count. Lines that cannot be read (a line torn by a crash) are skipped.

This release writes NWK_FORMED, NWK_RESUMED, PERMIT_JOIN, INSTALL_CODE_ADDED, DEVICE_JOINED, DEVICE_LEFT and ERR_AUTH_SEC_FAIL; DEVICE_ASSOCIATED, KEY_TRANSPORTED, ADDRESS_CHANGED, KEY_SWITCHED, ERR_FRAME_COUNTER, MAC_NO_ACK, MAC_CHANNEL_ACCESS_FAILURE, ROUTE_FAIL, ROUTE_DISCOVERED, RADIO_LOST and ERR_STORE are defined for events to come. See about_ZsepAdmin.

A filter that matches nothing gives no output and no error. A trace file that cannot be read gives NetworkStateIoError. """ + NOTOPEN,
  sets=[["Code","Node","Since","Last","Network"]],
  params={
   "Code": dict(type="String", position="0", desc="Only events with this code (any case), such as DEVICE_JOINED or ERR_AUTH_SEC_FAIL. Tab completion offers the codes."),
   "Node": dict(type="String", pipeline="True (ByPropertyName)", desc="Only events of this node, as an IEEE address (any accepted form) or a network address such as 0x1A2B. Alias: Ieee, so node, install-code and simulated-device records bind it from the pipeline."),
   "Since": dict(type="System.DateTimeOffset", desc="Only events at or after this network time. On the simulated radio network time is virtual: take it from an event or from PermitJoinUntil, not from Get-Date."),
   "Last": dict(type="Int32", desc="Only the last N events (after the other filters)."),
   "Network": NET,
  },
  inputs=[("System.String","Objects with an Ieee (or Node) property, and a Network property.")],
  outputs=[("Zsep.Stack.State.TraceEntry","One record per event: Time, Level, Code, Node, Detail, and the node as Ieee or NwkAddress.")],
  examples=[
   ("Get-ZsepTrace -Last 20", "The last 20 events of the default network."),
   ("Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL", "The devices the Trust Center refused and the frames that failed authentication, with the reason in Detail."),
   ("Get-ZsepNode | Select-Object -First 1 | Get-ZsepTrace",
    "The events of one node: its Ieee property binds -Node."),
   ("$formed = Get-ZsepTrace -Code NWK_FORMED -Last 1\nGet-ZsepTrace -Since $formed.Time -Code DEVICE_JOINED",
    "The joins since the network was formed; -Since takes network time, here from an event."),
  ],
  links=["Get-ZsepNode","Enable-ZsepJoin","about_ZsepAdmin"]),

 dict(name="Add-ZsepSimulatedDevice",
  synopsis="Puts simulated Smart Energy devices on the network's simulated medium: one device, or a grid of them.",
  description="""A simulated device is a radio on the network's simulated 2.4 GHz medium running the same Zigbee stack as the gateway: meters, load control devices and range extenders join as routers and relay for others, in-home displays as end devices polling their parent. Radio range follows distance, so devices far from the coordinator join through routers nearer to it (multi-hop). Each device keeps trying to join its network (the channel and extended PAN ID of the network it was added to), every 8 to 16 seconds after a failed attempt, as real devices do; it joins when the network permits joining and the Trust Center knows its install code.

One device: -Ieee, -Position and usually -InstallCode (the code on its label; without one the device offers only the well-known default link key, like a rogue or uncommissioned device, and is refused while RequireInstallCode is on). A grid: -Count devices on a grid -Spacing metres apart, with generated IEEE addresses and install codes. -Register also registers each device's code with the Trust Center, as loading a utility's batch file would.

The devices are stored in zsep.db, so Connect-ZsepNetwork puts them back on the medium. Time on the medium moves only while a command drives it: Enable-ZsepJoin -Wait, Step-ZsepSimulation, Disable-ZsepJoin.

Errors: NotSimulated (terminating) when the network runs on a radio that is not sim://; SimulatedDeviceExists when a device with that IEEE address is already on the medium; InstallCodeCrcMismatch, InstallCodeBadLength or InstallCodeBadCharacters for a bad -InstallCode; with -Register, a Trust Center that already has another code for the address stops the command (the device stays on the medium, unregistered). """ + NOTOPEN,
  sets=[["Kind","Ieee","InstallCode","Position","Register","TestCertificateAuthority","KeyEstablishmentMisbehavior","Network","WhatIf","Confirm"],["Kind","Count","Spacing","Columns","Origin","Register","TestCertificateAuthority","KeyEstablishmentMisbehavior","Network","WhatIf","Confirm"]],
  params={
   "Kind": dict(type="Zsep.Stack.State.SimulatedDeviceKind", required=True, position="0", pipeline="True (ByPropertyName)", desc="Meter, InHomeDisplay, LoadControlDevice or RangeExtender. In-home displays join as end devices, the others as routers."),
   "Ieee": dict(type=EUI, required=True, pipeline="True (ByPropertyName)", desc="(One device) The device's IEEE address. It must not be on the medium already."),
   "InstallCode": dict(type="String", pipeline="True (ByPropertyName)", desc="(One device) The install code on the device's label, with its CRC. Omit it for a device without one (a rogue, or one for a network that does not require codes)."),
   "Position": dict(type="Double[]", required=True, pipeline="True (ByPropertyName)", desc="(One device) Where the device stands, as x,y or x,y,z in metres; the coordinator stands at 0,0,0."),
   "Count": dict(type="Int32", required=True, desc="(Grid) How many devices to lay out, 1 to 5000, with generated IEEE addresses (00:0D:6F:...) and install codes."),
   "Spacing": dict(type="Double", default="40", desc="(Grid) Metres between neighbours on the grid."),
   "Columns": dict(type="Int32", desc="(Grid) Devices per row; by default the grid is square."),
   "Origin": dict(type="Double[]", desc="(Grid) Where the first device stands, as x,y; by default one spacing along x from the coordinator, so the grid's corner is next to it."),
   "Register": dict(type="SwitchParameter", desc="Also registers each device's install code with the Trust Center (as Add-ZsepInstallCode would), so the devices can join."),
   "TestCertificateAuthority": dict(type="Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority", desc="A test CA (New-ZsepTestCertificateAuthority) that issues each device a certificate and private key; the device trusts that CA, offers the Key Establishment cluster on its endpoint and runs key establishment with the gateway after it joins. The certificate is not kept across Connect-ZsepNetwork."),
   "KeyEstablishmentMisbehavior": dict(type="Zsep.Simulation.Devices.KeyEstablishmentMisbehavior", desc="For tests: None (default), TamperedCertificate, WrongPrivateKey, AlteredConfirmTag or UnsupportedSuite: how the device gets key establishment wrong. The gateway ends such an exchange with Terminate status BadKeyConfirm (the first three) or UnsupportedSuite."),
   "Network": NET,
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with Kind, Ieee, InstallCode and Position properties (one device per object).")],
  outputs=[("Zsep.Simulation.Devices.ZsepSimulatedDevice","One record per device added: kind, IEEE address, position, state (Idle until it joins), and the label's install code text.")],
  notes="The InstallCode property of the output is the label text of a simulated device, which you need to register it. The default table view does not show it.",
  examples=[
   ("Add-ZsepSimulatedDevice -Kind Meter -Count 20 -Spacing 40 -Register",
    "Puts 20 meters on a 5 by 5 grid, 40 m apart, next to the coordinator, and registers their install codes. Enable-ZsepJoin -Wait then lets them join."),
   (f"Add-ZsepSimulatedDevice -Kind InHomeDisplay -Ieee 00:0D:6F:00:0C:11:22:01 -InstallCode {IC_A} -Position 12,4 -Register",
    "Adds one in-home display 12.6 m from the coordinator, with the code on its label, and registers the code."),
   ("Add-ZsepSimulatedDevice -Kind LoadControlDevice -Ieee 00:0D:6F:00:0C:99:00:01 -Position 50,-20",
    "Adds a device without an install code: while RequireInstallCode is on the Trust Center refuses it, and Get-ZsepTrace -Code ERR_AUTH_SEC_FAIL shows its attempts."),
   (f"[pscustomobject]@{{ Kind = 'RangeExtender'; Ieee = '00:0D:6F:00:0C:11:22:02'; InstallCode = '{IC_B}'; Position = 80, 10 }} | Add-ZsepSimulatedDevice -Register",
    "Adds a device described by an object's properties, as from Import-Csv with a calculated Position."),
  ],
  links=["Get-ZsepSimulatedDevice","Set-ZsepSimulatedDevice","Remove-ZsepSimulatedDevice","Enable-ZsepJoin","Step-ZsepSimulation","about_ZsepAdmin"]),

 dict(name="Get-ZsepSimulatedDevice",
  synopsis="Gets the simulated devices of the network's medium.",
  description="""Get-ZsepSimulatedDevice lists the simulated devices added to the network with Add-ZsepSimulatedDevice, as they are now on the medium: kind, IEEE address, position in metres, whether it is offline, its join state (Idle, Discovering, Associating, Authenticating, Joined, Left), its network address once joined, its role (Router or EndDevice), the medium, and the install code printed on its label.

A network on a radio that is not simulated, or an address that is not a simulated device, gives no output and no error. """ + NOTOPEN,
  sets=[["Ieee","Kind","Network"]],
  params={
   "Ieee": dict(type="Zsep.Stack.Types.Eui64[]", position="0", pipeline="True (ByPropertyName)", desc="IEEE addresses of the devices to get; every simulated device of the network when not given."),
   "Kind": dict(type="Zsep.Stack.State.SimulatedDeviceKind[]", desc="Only devices of these kinds: Meter, InHomeDisplay, LoadControlDevice, RangeExtender."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Types.Eui64","Objects with an Ieee property.")],
  outputs=[("Zsep.Simulation.Devices.ZsepSimulatedDevice","One record per simulated device.")],
  examples=[
   ("Get-ZsepSimulatedDevice", "Lists the simulated devices of the default network."),
   ("Get-ZsepSimulatedDevice | Where-Object State -ne Joined", "The devices that have not joined yet: out of range, not registered, or still trying."),
   ("Get-ZsepSimulatedDevice -Kind InHomeDisplay, LoadControlDevice", "Only the in-home displays and load control devices."),
  ],
  links=["Add-ZsepSimulatedDevice","Set-ZsepSimulatedDevice","Get-ZsepNode","about_ZsepAdmin"]),

 dict(name="Set-ZsepSimulatedDevice",
  synopsis="Moves a simulated device, or takes it offline and back (a router vanishing, a meter losing power).",
  description="""Set-ZsepSimulatedDevice changes a simulated device on the medium: -Position moves it (its links to its neighbours change with the distance), -Offline $true makes it neither send nor receive, as a router that lost power, and -Offline $false brings it back. The change is stored in zsep.db. Let time pass with Step-ZsepSimulation to see what the network does.

A device that is not on the network's medium gives the non-terminating error SimulatedDeviceNotFound. """ + NOTOPEN,
  sets=[["Ieee","Position","Offline","OptOut","Network","PassThru","WhatIf","Confirm"]],
  params={
   "Ieee": dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", desc="The IEEE address of the simulated device. Records of Get-ZsepSimulatedDevice bind it from the pipeline."),
   "Position": dict(type="Double[]", desc="The new position, as x,y or x,y,z in metres from the coordinator."),
   "Offline": dict(type="Boolean", desc="$true takes the device off the air; $false brings it back."),
   "OptOut": dict(type="Boolean", desc="For a load control device: $true makes its user opt out of load control events (it reports UserOptedOut to each event), $false opts back in. Other kinds of device give the error NotALoadControlDevice."),
   "Network": NET,
   "PassThru": dict(type="SwitchParameter", desc="Writes the device's record after the change."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Simulation.Devices.ZsepSimulatedDevice","Records of Get-ZsepSimulatedDevice, or objects with an Ieee property.")],
  outputs=[("None","By default, no output."),("Zsep.Simulation.Devices.ZsepSimulatedDevice","With -PassThru, the device after the change.")],
  examples=[
   (f"Add-ZsepSimulatedDevice -Kind RangeExtender -Ieee 00:0D:6F:00:0D:00:00:01 -InstallCode {IC_C} -Position 40,0 -Register | Out-Null\nSet-ZsepSimulatedDevice -Ieee 00:0D:6F:00:0D:00:00:01 -Position 90,25 -PassThru",
    "Adds a range extender and moves it 90 m along and 25 m across from the coordinator."),
   ("Get-ZsepSimulatedDevice -Kind Meter | Set-ZsepSimulatedDevice -Offline $true\nStep-ZsepSimulation -Duration 00:05:00\nGet-ZsepSimulatedDevice -Kind Meter | Set-ZsepSimulatedDevice -Offline $false",
    "A power cut: every simulated meter goes off the air for five minutes of network time, then power comes back."),
  ],
  links=["Add-ZsepSimulatedDevice","Get-ZsepSimulatedDevice","Step-ZsepSimulation","about_ZsepAdmin"]),

 dict(name="Remove-ZsepNode",
  synopsis="Removes a node from the network, through its parent or by the Trust Center.",
  description="""Remove-ZsepNode has the Trust Center take a device off the network (Zigbee PRO 4.6.3.6): a direct child of the coordinator is disassociated; a device further out is removed by its parent router, which the Trust Center tells with an APS Remove Device command. The node leaves zsep.db's node table and a DEVICE_LEFT line goes to trace.log.

Its install code registration goes too, so the device cannot join again, unless -KeepInstallCode keeps it (its status becomes Removed): then the device may join again the next time the network is open, as a re-commissioned meter would.

This changes the network, so it asks for confirmation (ConfirmImpact High); -Force skips the question, -WhatIf only says what would happen. A device that is not a node gives the non-terminating error NodeNotFound. """ + NOTOPEN,
  sets=[["Ieee","KeepInstallCode","Force","Network","WhatIf","Confirm"]],
  params={
   "Ieee": dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", desc="The IEEE address of the node. Records of Get-ZsepNode bind it from the pipeline."),
   "KeepInstallCode": dict(type="SwitchParameter", desc="Keep the device's install code registered (status Removed) so that it may join again."),
   "Force": dict(type="SwitchParameter", desc="Remove without asking for confirmation."),
   "Network": NET,
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Records of Get-ZsepNode, or objects with an Ieee property.")],
  outputs=[("None","This command writes no output.")],
  examples=[
   ("Add-ZsepSimulatedDevice -Kind Meter -Count 2 -Spacing 30 -Register | Out-Null\nEnable-ZsepJoin -Duration 60 -Wait -ExpectCount 2 | Select-Object -First 1 | Remove-ZsepNode -KeepInstallCode -Force\nGet-ZsepInstallCode | Where-Object Status -eq Removed | ForEach-Object { \"$($_.Ieee) may join again\" }",
    "Two meters join; the first is removed from the network but keeps its registration (status Removed), so it may join again."),
   ("Get-ZsepNode | Where-Object Status -eq Offline | Remove-ZsepNode -WhatIf",
    "Shows which offline nodes would be removed, without removing them."),
  ],
  links=["Get-ZsepNode","Remove-ZsepInstallCode","Get-ZsepTrace","about_ZsepAdmin"]),

 dict(name="Remove-ZsepSimulatedDevice",
  synopsis="Takes a simulated device off the medium and out of the network's store.",
  description="""Remove-ZsepSimulatedDevice removes a simulated device from the medium (it stops at once, without leaving the network) and from zsep.db, so Connect-ZsepNetwork does not bring it back. Its node record and its install code registration, if any, stay: use Remove-ZsepInstallCode for the registration.

A device that is neither on the medium nor in the store gives the non-terminating error SimulatedDeviceNotFound. """ + NOTOPEN,
  sets=[["Ieee","Network","WhatIf","Confirm"]],
  params={
   "Ieee": dict(type=EUI, required=True, position="0", pipeline="True (ByPropertyName)", desc="The IEEE address of the simulated device. Records of Get-ZsepSimulatedDevice bind it from the pipeline."),
   "Network": NET,
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Simulation.Devices.ZsepSimulatedDevice","Records of Get-ZsepSimulatedDevice, or objects with an Ieee property.")],
  outputs=[("None","This command writes no output.")],
  examples=[
   ("Add-ZsepSimulatedDevice -Kind RangeExtender -Ieee 00:0D:6F:00:0E:00:00:01 -Position 60,0 | Out-Null\nRemove-ZsepSimulatedDevice -Ieee 00:0D:6F:00:0E:00:00:01",
    "Adds a range extender and removes it again."),
   ("Get-ZsepSimulatedDevice | Where-Object State -ne Joined | Remove-ZsepSimulatedDevice -WhatIf",
    "Shows which simulated devices that have not joined would be removed."),
  ],
  links=["Add-ZsepSimulatedDevice","Get-ZsepSimulatedDevice","Remove-ZsepInstallCode","about_ZsepAdmin"]),

 dict(name="Step-ZsepSimulation",
  synopsis="Advances the network's virtual time; every device on its simulated medium moves on.",
  description="""On the simulated radio, time is virtual: it passes only while a command drives the network (Enable-ZsepJoin -Wait, Disable-ZsepJoin, Step-ZsepSimulation), and then as fast as the computer allows. Step-ZsepSimulation drives it for -Duration of network time: devices try to join, joins complete, permit joining runs out, routes are discovered and repaired, and everything is written to zsep.db and trace.log as it happens. -Verbose shows the virtual time before and after. Ctrl+C stops it.

A negative duration gives the terminating error NegativeDuration. On a hardware radio, time is real: the command waits -Duration in real time while the network runs. A radio lost meanwhile gives the terminating error RadioUnavailable. """ + NOTOPEN,
  sets=[["Duration","Network"]],
  params={
   "Duration": dict(type="System.TimeSpan", required=True, position="0", desc="How much network time to run, such as 00:05:00 (five minutes) or (New-TimeSpan -Seconds 30)."),
   "Network": NET,
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("None","This command writes no output.")],
  examples=[
   ("Step-ZsepSimulation -Duration 00:10:00 -Verbose", "Runs the default network for ten minutes of virtual time and shows the clock before and after."),
   (f"Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0F:00:00:01 -InstallCode {IC_E} -Position 25,10 -Register | Out-Null\nEnable-ZsepJoin -Duration 120\nStep-ZsepSimulation (New-TimeSpan -Minutes 2)\nGet-ZsepTrace -Code DEVICE_JOINED -Node 00:0D:6F:00:0F:00:00:01 | ForEach-Object {{ '{{0:u}} {{1}}' -f $_.Time, $_.Detail }}",
    "Opens the network without waiting, lets two minutes pass, and reads the meter's join from the trace."),
  ],
  links=["Enable-ZsepJoin","Set-ZsepSimulatedDevice","Add-ZsepSimulatedDevice","about_ZsepAdmin"]),
]

# Entries per area: tools/help/areas/help_*.py, each with a list `cmds`.
import glob, importlib.util
import os
_only = os.environ.get("ZSEP_HELP_ONLY")
for f in sorted(glob.glob(os.path.join(HERE, "areas", "help_*.py"))):
    if _only and f.split("/")[-1][5:-3] not in _only.split(","):
        continue
    spec = importlib.util.spec_from_file_location("help_extra_" + f.split("/")[-1][:-3], f)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
    cmds += m.cmds

order = {c["name"]: i for i, c in enumerate(cmds)}
if __name__ == "__main__":
    write(cmds, sys.argv[1] if len(sys.argv) > 1 else OUT)
    print(len(cmds), "commands written to", sys.argv[1] if len(sys.argv) > 1 else OUT)
