# Help for the radio cmdlets (issue 6 section 2): Get-ZsepRadio, Set-ZsepRadio, Test-ZsepRadio.
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent to the radio.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."

cmds = [
 dict(name="Get-ZsepRadio",
  synopsis="Gets the network's radio: what it is, its firmware, channel, transmit power and counters.",
  description="""Get-ZsepRadio describes the radio the network runs on.

For a hardware radio (an 802.15.4 radio co-processor with OpenThread RCP firmware on a serial port such as /dev/ttyACM0 or COM5, or behind ser2net at tcp://host:6638) it shows what the firmware said when the network opened it: the firmware version string (Spinel NCP_VERSION), the Spinel protocol version (4.x), the RCP API version and the capabilities (CAPS), and the radio's own EUI-64; then its channel, PAN ID and transmit power, and counters: frames sent and received, FCS errors on the serial line (frames dropped because their checksum was wrong), resets (times the radio restarted on its own; the driver configured it again and the network carried on), no-ack and channel-access failures. Available is False once the port is gone; the next command that needs the radio then stops with the terminating error RadioUnavailable, and Connect-ZsepNetwork opens the network again when the radio is back.

For a simulated radio (sim://) it shows what applies: Kind Simulated, firmware "simulated", the channel, PAN ID, transmit power, and the medium's counters for the coordinator's radio.

The table shows the counters; Format-List shows everything. """ + NOTOPEN,
  sets=[["Network"]],
  params={"Network": NET},
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Radio.ZsepRadio","The radio: Network, Radio, Kind, Ieee, Available, FirmwareVersion, ProtocolVersion, RcpApiVersion, Capabilities, Channel, PanId, TxPowerDbm, Promiscuous, FramesSent, FramesReceived, FcsErrors, Resets, NoAck, ChannelAccessFailures.")],
  examples=[
   ("Get-ZsepRadio", "Shows the default network's radio and its counters."),
   ("'{0} frames received, {1} sent' -f (Get-ZsepRadio).FramesReceived, (Get-ZsepRadio).FramesSent", "Reads two counters, for instance to watch the radio from a runbook."),
   ("Get-ZsepRadio | Where-Object { $_.FcsErrors -gt 0 -or $_.Resets -gt 0 } | ForEach-Object { 'check the cable of ' + $_.Radio }",
    "Reports a radio whose serial line shows errors or that has reset itself."),
  ],
  links=["Set-ZsepRadio","Test-ZsepRadio","New-ZsepNetwork","Connect-ZsepNetwork","about_ZsepAdmin"]),

 dict(name="Set-ZsepRadio",
  synopsis="Changes the transmit power of the network's radio.",
  description="""Set-ZsepRadio -TxPower sets the radio's transmit power in dBm: on a hardware radio through the Spinel property PHY_TX_POWER (the radio uses the nearest power it supports; read it back with Get-ZsepRadio), kept across re-configuration and applied again after the radio resets; on a simulated radio it changes the coordinator's link budget on the medium, so its range grows or shrinks.

Lower power is a way to keep a lab network from reaching devices it should not; higher power may break the regional limits of the radio's certification.

It supports -WhatIf and -Confirm. A radio that is gone gives the terminating error RadioUnavailable. """ + NOTOPEN,
  sets=[["TxPower","PassThru","Network","WhatIf","Confirm"]],
  params={
   "TxPower": dict(type="SByte", required=True, position="0", desc="Transmit power in dBm, -40 to 20."),
   "PassThru": dict(type="SwitchParameter", desc="Writes the radio record (as Get-ZsepRadio) after the change."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("None","Without -PassThru, no output."),("Zsep.Radio.ZsepRadio","With -PassThru, the radio after the change.")],
  examples=[
   ("Set-ZsepRadio -TxPower 3 -PassThru", "Sets the transmit power to 3 dBm and shows the radio."),
   ("Set-ZsepRadio -TxPower 8 -WhatIf", "Shows which radio would be changed, without changing it."),
  ],
  links=["Get-ZsepRadio","about_ZsepAdmin"]),

 dict(name="Test-ZsepRadio",
  synopsis="Probes a port for an OpenThread radio co-processor and reports what answers, without forming a network.",
  description="""Test-ZsepRadio opens a port, resets the radio there (Spinel RESET, then waits for its reset notification), asks for its protocol version, capabilities, RCP API version, firmware version string and EUI-64, and closes the port again. Nothing is formed and no network state is written.

The port is a radio string as New-ZsepNetwork -Radio takes it: a serial port (/dev/ttyACM0, COM5; 460800 baud, no flow control), serial:///dev/ttyUSB0?baud=115200&flow=rtscts for other line settings, or tcp://host:6638 for a radio behind ser2net. sim://<name> probes the built-in RCP emulator (the device side of Spinel, on a private simulated medium) through the same driver, which shows what a working radio reports.

The result is a record, whether or not something answered: Responds is True for an RCP this host can drive; otherwise Error says why (no such port, nothing answered, or firmware refused: a Spinel protocol other than 4, or an RCP API version outside what this host supports, naming both versions).

A port that an open network uses is not probed (the reset would take the radio from under the network): the non-terminating error RadioInUse; use Get-ZsepRadio.""",
  sets=[["Port","TimeoutSeconds"]],
  params={
   "Port": dict(type="String", required=True, position="0", pipeline="True (ByValue, ByPropertyName)", desc="The port or radio string to probe. Alias: Radio."),
   "TimeoutSeconds": dict(type="Int32", default="3", desc="How long the radio has to answer each step, 1 to 60 seconds."),
  },
  inputs=[("System.String","Port names.")],
  outputs=[("Zsep.Radio.ZsepRadioProbe","Port, Responds, FirmwareVersion, ProtocolVersion, RcpApiVersion, Ieee, Capabilities, Error, Elapsed.")],
  examples=[
   ("Test-ZsepRadio -Port sim://probe", "Probes the RCP emulator: Responds is True, with protocol 4.3, RCP API version 11 and the emulator's firmware string."),
   ("Test-ZsepRadio -Port /dev/zsep-no-such-port -TimeoutSeconds 1 | ForEach-Object { 'responds: {0}; {1}' -f $_.Responds, $_.Error }",
    "Probes a port that does not exist: Responds is False and Error says the port cannot be opened."),
   ("'/dev/ttyACM0', '/dev/ttyUSB0' | Test-ZsepRadio -TimeoutSeconds 1 | Where-Object Responds",
    "Looks for a radio on two usual ports and writes the ones where an RCP answers."),
  ],
  links=["New-ZsepNetwork","Get-ZsepRadio","about_ZsepAdmin"]),
]
