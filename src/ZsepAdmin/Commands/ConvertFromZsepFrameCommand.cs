using System;
using System.Management.Automation;
using Zsep.Stack.Capture;
using Zsep.Stack.Codec;
using Zsep.Stack.Frames;
using Zsep.Stack.Security;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>ConvertFrom-ZsepFrame: decodes a frame given as hex through every layer the keys allow.</summary>
    [Cmdlet(VerbsData.ConvertFrom, "ZsepFrame")]
    [OutputType(typeof(DecodedFrame))]
    public sealed class ConvertFromZsepFrameCommand : FrameDecodingCmdlet
    {
        private CaptureKeyRing _keys = new CaptureKeyRing();

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string[] Hex { get; set; } = Array.Empty<string>();

        [Parameter]
        [ValidateSet("Mac", "Nwk", "Aps")]
        public FrameLayer Layer { get; set; } = FrameLayer.Mac;

        [Parameter]
        public FcsMode Fcs { get; set; } = FcsMode.Auto;

        protected override void BeginProcessing()
        {
            _keys = BuildKeyRing();
            WriteVerbose($"Keys: {(NetworkKey is null ? "no network key" : $"{_keys.NetworkKeys.Count} network key(s)")}; link keys tried in order: bound to the device, for any device, then ZigBeeAlliance09.");
        }

        protected override void ProcessRecord()
        {
            foreach (string text in Hex)
            {
                if (!Zsep.Stack.Types.Hex.TryParse(text, out byte[] bytes, out string? why))
                {
                    WriteStackError(new FormatException("The frame is not hex: " + why), text);
                    continue;
                }

                try
                {
                    DecodedFrame frame = _keys.Decode(keys => FrameDecoder.Decode(bytes, Fcs, keys, Layer));
                    WriteVerbose($"{bytes.Length} bytes from the {Layer} layer: decoded to {frame.Layer}; FCS {(frame.FcsValid is null ? "absent" : frame.FcsValid.Value ? "valid" : "invalid")}; security {frame.SecurityText}.");
                    WriteObject(frame);
                }
                catch (FrameFormatException ex)
                {
                    WriteStackError(ex, text);
                }
            }
        }
    }
}
