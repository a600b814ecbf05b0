# Help for Update-ZsepNetworkKey (issue 7 section 4).
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent on the network and nothing is written to the network folder.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."

cmds = [
 dict(name="Update-ZsepNetworkKey",
  synopsis="Rotates the network key: every device gets the new key, then switches to it; devices that were away are brought up to date when they come back.",
  description="""Update-ZsepNetworkKey replaces the network key as Zigbee PRO 4.6.3.4 describes. The new key (from -Key, or a random one from the operating system's cryptographic generator) is stored in zsep.db with the next key sequence number. The Trust Center sends it to every node in the network's node table in an APS Transport-Key command secured with the key-transport key of that device's Trust Center link key (routers carry it to sleeping end devices, which fetch it at their next poll). After -DistributionSeconds of network time it broadcasts APS Switch-Key (and unicasts it to end devices, which miss broadcasts); every device then secures with the new key, and the coordinator does too. nwk_config.json's networkKeySequence names the new sequence; the trace records KEY_TRANSPORTED and KEY_SWITCHED (never the key).

The gateway's outgoing NWK frame counter for the new key starts from 0 (each key has its own counter, reserved ahead on disk); the APS counter of the link keys goes on. Frames under the previous key are still accepted for ten minutes while devices switch.

A device that was switched off during the update is found when it next speaks under the old key sequence (a neighbouring router, or the coordinator, recognises the old key): the Trust Center sends it the current key, APS-secured with its link key and delivered under the old key it can still read, followed by Switch-Key; it switches without re-joining, and KEY_TRANSPORTED names it in the trace.

The command changes every device's key: it asks for confirmation (ConfirmImpact High); -Force skips the question. """ + NOTOPEN,
  sets=[["Key","DistributionSeconds","Force","Network","WhatIf","Confirm"]],
  params={
   "Key": dict(type="Zsep.Stack.Types.ZigbeeKey", position="0", desc="The new network key as 32 hex digits, for a lab network whose captures you decrypt. When not given a random key is made by the operating system's cryptographic generator, which is what a production network must use. A malformed key is refused with a message that never repeats it."),
   "DistributionSeconds": dict(type="Int32", default="15", desc="Network time, 1 to 600 seconds, between sending the new key and Switch-Key. End devices that poll slowly need longer; devices that miss it are brought up to date later."),
   "Force": dict(type="SwitchParameter", desc="Rotate without asking."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepNetworkKeyUpdate","The network, the previous and new key sequence numbers, how many devices were sent the key, and when the network switched. Never the key.")],
  examples=[
   ("Update-ZsepNetworkKey -Force",
    "Rotates the default network's key to a new random one without asking, and shows the new key sequence number."),
   ("Update-ZsepNetworkKey -WhatIf",
    "Shows which key sequence the network would move to, without sending anything."),
   ("Update-ZsepNetworkKey -Key 0F0E0D0C0B0A09080706050403020100 -DistributionSeconds 60 -Force",
    "Rotates a lab network to a fixed key, giving sleepy end devices a minute to fetch it. Get-ZsepTrace -Code KEY_SWITCHED then shows the switch."),
  ],
  links=["Get-ZsepNetwork","Get-ZsepTrace","Export-ZsepWiresharkKey","Backup-ZsepNetwork"]),

 dict(name="Reset-ZsepNodeKey",
  synopsis="Recovers a device whose Trust Center link key is lost: removes it and admits it again with its install code.",
  description="""Reset-ZsepNodeKey is the Trust Center link key recovery of a Smart Energy network: a device that lost its link key (or whose key can no longer be trusted) cannot be given a new one over the air, so it is removed and re-provisioned with its original install code. The Trust Center removes the device (its parent drops it, APS Remove Device; the coordinator disassociates its own child), the node leaves the node table, its incoming frame counters are forgotten, and its registration goes back to Pending with the link key derived from its install code. DEVICE_LEFT is traced with the code's CRC (never the code or the key).

A simulated device is factory-reset by the command: it forgets its network, key and address and starts joining again with its install-code key. A real device must be factory-reset by hand (usually a long press of its button) while the command waits.

Joining is opened for -TimeoutSeconds unless it is open already (and closed again afterwards); the command waits, in network time, until the device has joined again - association, the Transport Key secured with its install-code key, its announcement - and writes its node record. A device that does not join in time gives the non-terminating error NodeKeyResetTimeout; its registration stays, so it can join whenever joining is open.

A device that is not registered gives NodeNotRegistered, one registered without an install code NoInstallCode (nothing to derive the key from: register its code with Add-ZsepInstallCode -Force first); nothing is removed then. The command removes a device from the network, so it asks for confirmation (ConfirmImpact High); -Force skips the question. """ + NOTOPEN,
  sets=[["Node","TimeoutSeconds","Force","Network","WhatIf","Confirm"]],
  params={
   "Node": dict(type="Zsep.Stack.Types.Eui64", required=True, position="0", pipeline="True (ByPropertyName)", desc="The IEEE address of the device (alias -Ieee). Records of Get-ZsepNode and Get-ZsepSimulatedDevice bind it from the pipeline by their Ieee property."),
   "TimeoutSeconds": dict(type="Int32", default="180", desc="Network time, 10 to 254 seconds, to wait for the device to join again; joining stays open that long when it was closed."),
   "Force": dict(type="SwitchParameter", desc="Reset without asking."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Records of Get-ZsepNode (or anything with an Ieee property).")],
  outputs=[("Zsep.Stack.Gateway.ZsepNode","The device's node record after it joined again.")],
  examples=[
   ("$m = Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:01 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Position 40,0 -Register\nEnable-ZsepJoin -Duration 120 -Wait -ExpectCount 1 | Out-Null\nReset-ZsepNodeKey -Node $m.Ieee -Force",
    "Registers and joins a simulated meter, then recovers its link key: the meter is removed, factory-reset and admitted again with its install code; its new node record is shown."),
   ("Get-ZsepNode -Ieee 00:0D:6F:00:0A:00:00:02 -ErrorAction SilentlyContinue | Reset-ZsepNodeKey -WhatIf",
    "Shows what would happen to the device, without removing it."),
  ],
  links=["Add-ZsepInstallCode","Remove-ZsepNode","Enable-ZsepJoin","Get-ZsepTrace"]),

 dict(name="Set-ZsepChannel",
  synopsis="Moves the whole network to another channel; routers and end devices follow, and devices that missed it find the network again.",
  description="""Set-ZsepChannel changes the network's channel as the Zigbee PRO network manager does (05-3474 3.6.1.10, frequency agility): the coordinator broadcasts Mgmt_NWK_Update_req with the new channel as the only bit of ScanChannels, ScanDuration 0xFE and nwkUpdateId + 1. Every router and end device that hears it waits nwkNetworkBroadcastDeliveryTime (9 s), so the broadcast can finish, then moves its radio; the coordinator moves after the same wait. The command waits for that (in network time), then writes the channel to nwk_config.json and nwkUpdateId to zsep.db, traces CHANNEL_CHANGED, and returns the change. Beacons carry the new nwkUpdateId, and Backup-ZsepNetwork writes it.

A device that missed the request - switched off at the time, or a sleeping end device, which broadcasts do not reach - notices the silence (a router hears no neighbour for three link status periods, an end device's polls go unacknowledged three times), scans every channel for a beacon of its own PAN with a newer nwkUpdateId, and carries on there with its address and keys: it does not join again.

Pick a quiet channel: 25 and 26 overlap Wi-Fi least. The command moves every device, so it asks for confirmation (ConfirmImpact High); -Force skips the question. A channel outside 11 to 26 is refused by parameter validation. """ + NOTOPEN,
  sets=[["Channel","Force","Network","WhatIf","Confirm"]],
  params={
   "Channel": dict(type="Byte", required=True, position="0", desc="The new 2.4 GHz channel, 11 to 26."),
   "Force": dict(type="SwitchParameter", desc="Change without asking."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepChannelChange","The network, the previous and new channel, the new nwkUpdateId and when the coordinator moved.")],
  examples=[
   ("Set-ZsepChannel -Channel 25 -Force",
    "Moves the default network to channel 25 without asking and shows the new nwkUpdateId."),
   ("Set-ZsepChannel 26 -WhatIf",
    "Shows which network would move from which channel, without sending anything."),
  ],
  links=["Get-ZsepNetwork","Get-ZsepTrace","New-ZsepNetwork"]),
]

# Additions to entries written elsewhere (zsep_help_all.py, help_backup.py): Remove-ZsepNetwork -KeepSimulatedDevices
# and Restore-ZsepNetwork taking over the simulated devices still on the air. Applied to the generator's list.
def _patch(all_cmds):
    for c in all_cmds:
        if c["name"] == "Remove-ZsepNetwork" and "KeepSimulatedDevices" not in c["params"]:
            c["sets"] = [["Network", "Force", "KeepSimulatedDevices", "WhatIf", "Confirm"]]
            c["params"]["KeepSimulatedDevices"] = dict(type="SwitchParameter", desc="Leaves the network's simulated devices on the air, joined as they are (they are removed with the network otherwise). Restore-ZsepNetwork onto the same simulated medium then takes them over from a backup, as a new gateway takes over real devices.")
            c["examples"] = c["examples"] + [("$file = Join-Path ([System.IO.Path]::GetTempPath()) 'zsep-help-takeover.json'\nBackup-ZsepNetwork -Path $file -Force | Out-Null\n$net = Get-ZsepNetwork | Where-Object IsDefault\nRemove-ZsepNetwork -KeepSimulatedDevices -Force\nRestore-ZsepNetwork -Path $file -Name help-new -StatePath (Join-Path ([System.IO.Path]::GetTempPath()) 'zsep-help-takeover') -Radio $net.Radio -Force | Out-Null\nRemove-ZsepNetwork -Network help-new -Force",
                "Moves the network to a new gateway: a backup, the old network removed with its simulated devices left on the air, and the backup restored onto a new folder on the same medium, where it takes the devices over without any re-joining (help-new is then removed too, to leave nothing behind).")]
        if c["name"] == "Restore-ZsepNetwork" and "simulated devices" not in c["description"]:
            c["description"] += "\n\nOn a simulated medium (-Radio sim://<medium>), the restored network takes over the simulated devices on that medium that were commissioned for the backed-up network (the same extended PAN ID) and that no open network owns - those Remove-ZsepNetwork -KeepSimulatedDevices left on the air. They become its devices, recorded in its zsep.db, and carry on without re-joining. The restored coordinator learns its neighbours and routes from their link status and route records in the first minute or two of network time."

import __main__
if hasattr(__main__, "cmds"):
    _patch(__main__.cmds)
