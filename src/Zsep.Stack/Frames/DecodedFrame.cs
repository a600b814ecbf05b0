using System;
using Zsep.Stack.Aps;
using Zsep.Stack.Codec;
using Zsep.Stack.Mac;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zdo;

namespace Zsep.Stack.Frames
{
    /// <summary>
    /// A frame decoded through as many layers as its bytes and the keys allow: the output of ConvertFrom-ZsepFrame
    /// (and of capture reading). Each layer's record carries the spec's field names; secrets inside (transported
    /// keys) are <see cref="ZigbeeKey"/>s, which never display.
    /// </summary>
    public sealed class DecodedFrame
    {
        internal DecodedFrame(byte[] bytes) => _bytes = bytes;

        private readonly byte[] _bytes;

        /// <summary>The frame as given (including an FCS or trailer), in hex.</summary>
        public string Hex => Types.Hex.Format(_bytes);

        /// <summary>Bytes given.</summary>
        public int Length => _bytes.Length;

        /// <summary>The frame's position in its capture file (Read-ZsepCapture); null for a frame given as hex.</summary>
        public int? FrameNumber { get; internal set; }

        /// <summary>When the frame was captured; null for a frame given as hex.</summary>
        public DateTimeOffset? Time { get; internal set; }

        /// <summary>The channel the capture header gives.</summary>
        public byte? Channel { get; internal set; }

        /// <summary>Received signal strength (dBm) the capture header gives.</summary>
        public float? Rssi { get; internal set; }

        /// <summary>Link quality (0-255) the capture header gives.</summary>
        public byte? Lqi { get; internal set; }

        /// <summary>The highest layer decoded.</summary>
        public FrameLayer Layer { get; internal set; }

        /// <summary>Whether the frame's FCS verified; null when the frame was taken as having none.</summary>
        public bool? FcsValid { get; internal set; }

        public MacFrame? Mac { get; internal set; }

        public byte? MacSequence => Mac?.SequenceNumber;

        public NwkHeader? Nwk { get; internal set; }

        /// <summary>The NWK auxiliary security header (frame counter, source, key sequence), when NWK-secured.</summary>
        public AuxiliarySecurityHeader? NwkAuxiliaryHeader { get; internal set; }

        /// <summary>Decrypted, MicFailed or NoKey when the NWK frame is secured; null when it is not.</summary>
        public SecurityOutcome? NwkSecurity { get; internal set; }

        /// <summary>The NWK message integrity code (4 bytes, hex) when NWK-secured.</summary>
        public string? NwkMic { get; internal set; }

        public NwkCommand? NwkCommand { get; internal set; }

        public ApsHeader? Aps { get; internal set; }

        public AuxiliarySecurityHeader? ApsAuxiliaryHeader { get; internal set; }

        /// <summary>Decrypted, MicFailed or NoKey when the APS frame is secured; null when it is not.</summary>
        public SecurityOutcome? ApsSecurity { get; internal set; }

        /// <summary>The APS message integrity code (4 bytes, hex) when APS-secured.</summary>
        public string? ApsMic { get; internal set; }

        public ApsCommand? ApsCommand { get; internal set; }

        public ZdoMessage? Zdo { get; internal set; }

        public ZclFrame? Zcl { get; internal set; }

        /// <summary>The typed Smart Energy command (Price, DRLC, Messaging: SE 1.4 Annex D) of a cluster-specific ZCL frame, when typed and well formed.</summary>
        public Zcl.SmartEnergy.SmartEnergyCommand? SmartEnergy { get; internal set; }

        /// <summary>The attributes of a ZCL foundation command (read, write, report ...), with names from the cluster tables.</summary>
        public System.Collections.Generic.IReadOnlyList<ZclAttributeField>? Attributes { get; internal set; }

        /// <summary>The innermost payload left undecoded (encrypted without a key, or an unknown layer), in hex.</summary>
        public string? UndecodedPayload { get; internal set; }

        /// <summary>NWK source address, or the MAC source when there is no NWK header.</summary>
        public string? Source { get; internal set; }

        /// <summary>NWK destination address, or the MAC destination when there is no NWK header.</summary>
        public string? Destination { get; internal set; }

        /// <summary>IEEE address of the sender when a header names it (NWK header or auxiliary security header).</summary>
        public Eui64? SourceIeee { get; internal set; }

        /// <summary>The APS cluster by name ("Metering", "ZDO" ...) or id.</summary>
        public string? Cluster { get; internal set; }

        public ushort? ClusterId => Aps?.ClusterId;

        /// <summary>The command by name: a MAC, NWK, APS, ZDO or ZCL command.</summary>
        public string? Command { get; internal set; }

        /// <summary>One line saying what the frame is.</summary>
        public string Summary { get; internal set; } = string.Empty;

        /// <summary>The security outcomes in one short text, for tables: "NWK ok", "NWK ok APS ok", "NWK no key".</summary>
        public string SecurityText
        {
            get
            {
                string Part(string layer, SecurityOutcome? o) => o switch
                {
                    null => string.Empty,
                    SecurityOutcome.Decrypted => layer + " ok",
                    SecurityOutcome.MicFailed => layer + " MIC fail",
                    SecurityOutcome.NoKey => layer + " no key",
                    _ => layer + " " + o,
                };

                string text = (Part("NWK", NwkSecurity) + " " + Part("APS", ApsSecurity)).Trim();
                return text.Length == 0 ? "none" : text;
            }
        }

        public override string ToString() => Summary;
    }
}
