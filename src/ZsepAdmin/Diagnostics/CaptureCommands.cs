using System;
using System.IO;
using System.Management.Automation;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Capture;
using Zsep.Stack.Codec;
using Zsep.Stack.Frames;
using Zsep.Stack.Gateway;
using Zsep.Stack.Radio;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>Start-ZsepCapture: writes every frame the gateway's radio sends and receives (or a sniffer hears) to a pcap file.</summary>
    [Cmdlet(VerbsLifecycle.Start, "ZsepCapture", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepCapture))]
    public sealed class StartZsepCaptureCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Capture with a promiscuous sniffer on this channel (simulated radios) instead of the gateway's own traffic.</summary>
        [Parameter]
        [ValidateRange(11, 26)]
        public byte? Channel { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            string path = OutputPath(Path, Force, "Capture");

            if (gateway.Capture is { } running)
            {
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException($"A capture of {gateway.Name} is already running (to {running.Path}). Stop it with Stop-ZsepCapture."), "CaptureRunning", ErrorCategory.ResourceBusy, gateway.Name));
            }

            string what = Channel is byte ch ? $"sniff channel {ch} to '{path}'" : $"capture the gateway's frames to '{path}'";
            if (!ShouldProcess(gateway.Name, what))
            {
                return;
            }

            IRadio? sniffer = null;
            if (Channel is byte channel)
            {
                SimulationHost? host = SimulationHost.Find(gateway.Config.Radio);
                if (host is null)
                {
                    ThrowTerminatingError(new ErrorRecord(new NotSupportedException($"-Channel opens a sniffer on a simulated medium; {gateway.Name} runs on '{gateway.Config.Radio}'. Without -Channel the gateway's own traffic is captured."), "SnifferNotSupported", ErrorCategory.NotImplemented, gateway.Config.Radio));
                }

                sniffer = SimulatedSniffer.Create(host!.Medium, channel, new Position(0, 0, 0));
            }

            try
            {
                ZsepCapture capture = gateway.StartCapture(path, sniffer);
                WriteVerbose($"{capture.Source} capture on channel {capture.Channel} to {capture.Path} (pcap, link type 283 IEEE 802.15.4 TAP).");
                WriteObject(capture);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                sniffer?.Dispose();
                ThrowTerminatingError(new ErrorRecord(ex, "CaptureFileError", ErrorCategory.WriteError, path));
            }
        }
    }

    /// <summary>Stop-ZsepCapture: closes the capture file and reports what it holds.</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ZsepCapture")]
    [OutputType(typeof(ZsepCapture))]
    public sealed class StopZsepCaptureCommand : ZsepNetworkCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            ZsepCapture? capture = gateway.StopCapture();
            if (capture is null)
            {
                WriteWarning($"No capture is running on {gateway.Name}.");
                return;
            }

            WriteObject(capture);
        }
    }

    /// <summary>Read-ZsepCapture: decodes the IEEE 802.15.4 frames of a pcap or pcapng file through every layer the keys allow.</summary>
    [Cmdlet(VerbsCommunications.Read, "ZsepCapture", DefaultParameterSetName = "Path")]
    [OutputType(typeof(DecodedFrame))]
    public sealed class ReadZsepCaptureCommand : FrameDecodingCmdlet
    {
        private CaptureKeyRing _keys = new CaptureKeyRing();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "Path")]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>
        /// A Wireshark pre-configured keys file (Export-ZsepWiresharkKey): the keys labelled "network key" are network
        /// keys (every sequence; "sequence N" in the label names its key sequence number), the rest link keys.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KeyFile { get; set; }

        protected override void BeginProcessing()
        {
            CaptureKeyRing keys = BuildKeyRing();
            try
            {
                if (KeyFile is not null)
                {
                    string file = GetUnresolvedProviderPathFromPSPath(KeyFile);
                    foreach (WiresharkKey key in WiresharkKeyFile.Parse(File.ReadAllText(file)))
                    {
                        if (key.Label.IndexOf("network key", StringComparison.OrdinalIgnoreCase) >= 0)
                        {
                            keys.AddNetworkKey(key.Key, CaptureKeyRing.SequenceFromLabel(key.Label));
                        }
                        else
                        {
                            keys.Keys.AddLinkKey(key.Key);
                        }
                    }
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowStackError(ex, KeyFile);
            }

            _keys = keys;
            WriteVerbose($"{keys.NetworkKeys.Count} network key(s): each frame is tried first with the key of its key sequence number.");
        }

        protected override void ProcessRecord()
        {
            foreach (string item in Path)
            {
                string path = GetUnresolvedProviderPathFromPSPath(item);
                if (!File.Exists(path))
                {
                    WriteError(new ErrorRecord(new FileNotFoundException($"The capture '{path}' does not exist.", path), "CaptureNotFound", ErrorCategory.ObjectNotFound, item));
                    continue;
                }

                int frames = 0, undecodable = 0;
                try
                {
                    using FileStream stream = File.OpenRead(path);
                    var reader = new PcapReader(stream);
                    foreach (CapturedFrame captured in reader.Read())
                    {
                        CancellationToken.ThrowIfCancellationRequested();
                        frames++;
                        try
                        {
                            WriteObject(_keys.Decode(captured));
                        }
                        catch (FrameFormatException ex)
                        {
                            undecodable++;
                            WriteError(new ErrorRecord(new FrameFormatException(ex.Layer, ex.Field, ex.Offset, $"frame {captured.Number}: {ex.Reason}"), "MalformedFrame", ErrorCategory.InvalidData, captured.Number));
                        }
                    }

                    WriteVerbose($"{path}: {frames} IEEE 802.15.4 frames, {undecodable} not decodable, {reader.Skipped} records of other link types skipped.");
                }
                catch (CaptureFormatException ex)
                {
                    WriteError(new ErrorRecord(ex, "CaptureFormat", ErrorCategory.InvalidData, path));
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(ex, "CaptureReadError", ErrorCategory.ReadError, path));
                }
            }
        }
    }

    /// <summary>Export-ZsepWiresharkKey: writes the network key and link keys as Wireshark's ZigBee pre-configured keys.</summary>
    [Cmdlet(VerbsData.Export, "ZsepWiresharkKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportZsepWiresharkKeyCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            string path = OutputPath(Path, Force, "Key");

            var keys = gateway.WiresharkKeys();
            if (!ShouldProcessForce(path, $"Export {keys.Count} secret keys of {gateway.Name} (network and link keys) in clear text", Force))
            {
                return;
            }

            WriteFile(path, () => WiresharkKeyFile.Write(path, keys), "Key");

            gateway.Trace.Info(Zsep.Stack.State.TraceCodes.KeysExported, $"{keys.Count} keys exported for Wireshark");
            WriteVerbose($"Wrote {keys.Count} keys to {path} (owner-only on Unix). Copy it to your Wireshark profile folder as zigbee_pc_keys, or add the keys under Preferences > Protocols > ZigBee.");
            WriteObject(new FileInfo(path));
        }
    }
}
