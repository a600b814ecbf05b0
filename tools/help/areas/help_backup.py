# Help for Backup-ZsepNetwork and Restore-ZsepNetwork (issue 7 section 5).
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."
TMP = "$file = Join-Path ([System.IO.Path]::GetTempPath()) 'zsep-backup.json'\n"

cmds = [
 dict(name="Backup-ZsepNetwork",
  synopsis="Writes the network as an Open Coordinator Backup (the JSON that zigpy/ZHA and Zigbee2MQTT read and write).",
  description="""Backup-ZsepNetwork writes what another coordinator needs to take the network over without any device re-joining, in the Open Coordinator Backup format (zigpy/open-coordinator-backup, version 1) exactly as zigpy and zigbee-herdsman write it: the coordinator's IEEE address, PAN ID, extended PAN ID, channel and channel mask, NWK update id, security level, the network key with its sequence number and outgoing frame counter, and every device that joined with its NWK address, whether it is a child of the coordinator, and its Trust Center link key with the link-key frame counters.

The frame counter written is the limit the gateway has reserved on disk, so it is at or above every counter the gateway has used. Devices registered but never joined are left out (their install codes stay with this Trust Center).

The file holds the network key and every link key in clear text: the command asks for confirmation (ConfirmImpact High; -Force skips it and overwrites an existing file), makes the file readable by its owner only on Linux and macOS, and traces KEYS_EXPORTED (never the keys). Errors: BackupFileExists, BackupFileError. """ + NOTOPEN,
  sets=[["Path","Force","Network","WhatIf","Confirm"]],
  params={
   "Path": dict(type="String", required=True, position="0", desc="The JSON file to write."),
   "Force": dict(type="SwitchParameter", desc="Write without asking and overwrite an existing file."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("System.IO.FileInfo","The backup file.")],
  examples=[
   (TMP + "Backup-ZsepNetwork -Path $file -Force",
    "Writes the default network's backup to the temporary folder without asking."),
   ("Backup-ZsepNetwork -Path ./depot-lab.json -WhatIf",
    "Shows what would be written (how many device keys), without writing."),
  ],
  links=["Restore-ZsepNetwork","Remove-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Restore-ZsepNetwork",
  synopsis="Takes over a network from an Open Coordinator Backup (ours, Zigbee2MQTT's or ZHA's), onto a new state folder.",
  description="""Restore-ZsepNetwork reads an Open Coordinator Backup and starts a gateway with the backup's identity: the same coordinator IEEE address, PAN ID, extended PAN ID, channel, network key and key sequence, so devices that joined the old coordinator carry on with the new one without re-joining. Every device of the backup goes into the new Trust Center table with its link key (or the backup's Trust Center link key when it has none), and into the node table with its NWK address.

The outgoing frame counter starts -FrameCounterIncrement (default 10,000, as zigpy does) above the backup's: the old coordinator may have sent frames after the backup was written, and devices drop any frame whose counter they have seen. Link-key counters move ahead the same way.

The new network gets the name -Name and a new folder (-StatePath, or <state root>/<Name>); it becomes the session's default. Give it the radio the devices can hear. NWK_RESTORED is traced. Right after the restore the coordinator knows no neighbours; it learns them from their link status within about 15 seconds, after which every device can be reached.

Errors: NetworkStateInvalidBackup (terminating) names the JSON member that is missing or wrong (never a key); NetworkStateNotFound for a missing file; NetworkStateAlreadyExists when the folder holds a network (use -Force); NetworkAlreadyOpen for a name already open in the session.""",
  sets=[["Path","Name","StatePath","Radio","Seed","FrameCounterIncrement","Force","WhatIf","Confirm"]],
  params={
   "Path": dict(type="String", required=True, position="0", desc="The backup file (JSON)."),
   "Name": dict(type="String", required=True, desc="The restored network's name (a letter or digit, then up to 63 letters, digits, dots, dashes or underscores)."),
   "StatePath": dict(type="String", desc="The new state folder; <state root>/<Name> when not given."),
   "Radio": dict(type="String", default="sim://default", desc="The radio the restored coordinator uses: sim://<medium> for a simulated one."),
   "Seed": dict(type="Int32", desc="Seed of the simulated medium and random choices, for a repeatable lab run."),
   "FrameCounterIncrement": dict(type="UInt32", default="10000", desc="How far above the backup's frame counters the restored gateway starts."),
   "Force": dict(type="SwitchParameter", desc="Re-use a folder that already holds a network's state (it is deleted first)."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("None","You cannot pipe objects to Restore-ZsepNetwork.")],
  outputs=[("Zsep.Stack.Gateway.ZsepNetwork","The restored network.")],
  examples=[
   (TMP + "Backup-ZsepNetwork -Path $file -Force | Out-Null\nRemove-ZsepNetwork -Force\nRestore-ZsepNetwork -Path $file -Name depot-restored -Radio sim://depot-restored -Force",
    "Backs the default network up, deletes it, and restores it under a new name and folder: same PAN, keys and devices."),
   (TMP + "Backup-ZsepNetwork -Path $file -Force | Out-Null\nRestore-ZsepNetwork -Path $file -Name trial -WhatIf",
    "Shows which network the backup holds and where it would be restored, without doing it."),
  ],
  links=["Backup-ZsepNetwork","Connect-ZsepNetwork","New-ZsepNetwork","about_ZsepAdmin"]),
]
