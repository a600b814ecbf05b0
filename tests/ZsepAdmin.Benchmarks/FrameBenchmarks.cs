using System;
using BenchmarkDotNet.Attributes;
using Zsep.Stack.Aps;
using Zsep.Stack.Frames;
using Zsep.Stack.Nwk;
using Zsep.Stack.Security;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;

namespace ZsepAdmin.Benchmarks
{
    /// <summary>
    /// Issue 2's targets: parse + MIC-verify + decrypt of the captured NWK frame (500,000 frames/s/core, no
    /// per-frame allocation beyond the decoded object) and of a 60-byte APS-secured ZCL frame; install-code
    /// derivation. Run: dotnet run -c Release --project tests/ZsepAdmin.Benchmarks
    /// </summary>
    [MemoryDiagnoser]
    public class FrameBenchmarks
    {
        // The captured NWK-secured frame of Nerivec/zigbee-on-host test/data.ts (NETDEF_ZCL_FRAME_CMD_TO_COORD),
        // MAC header and radio trailer removed; tests/vectors/ccm-star.json "nwkFrame".
        private static readonly byte[] CapturedNwk = Hex.Parse("4802000038AA1E80" + "282E2F9A02584AD0FEFF08AC7000" + "515287015210A74FB734F1D9C888EF5E6D");
        private static readonly byte[] CapturedMac = Hex.Parse("6188e6621a000038aa4802000038aa1e80282e2f9a02584ad0feff08ac7000515287015210a74fb734f1d9c888ef5e6db3c4");
        private static readonly ZigbeeKey NetworkKey = ZigbeeKey.Parse("01030507090B0D0F00020406080A0C0D");
        private static readonly ZigbeeKey LinkKey = ZigbeeKey.Parse("66B6900981E1EE3CA4206B6B861C02BB");
        private static readonly Eui64 Meter = Eui64.Parse("00:0D:6F:00:0B:BC:AB:01");

        private readonly byte[] _plain = new byte[128];
        private byte[] _apsFrame = Array.Empty<byte>();
        private FrameKeys _keys = FrameKeys.None;
        private LinkKeyResolver _resolver = _ => null;

        [GlobalSetup]
        public void Setup()
        {
            // A Metering Read Attributes Response (ZCL 2.5.2), 35 bytes, hand-built from ZCL Table 2-10 and SE D.3:
            // CurrentSummationDelivered uint48, InstantaneousDemand int24, UnitOfMeasure enum8 (kWh),
            // SummationFormatting map8, Status map8.
            byte[] zcl = Hex.Parse("18 2A 01" + "0000 00 25 39300000 0000" + "0004 00 2A E80300" + "0003 00 30 00" + "0303 00 18 2B" + "0002 00 18 00");
            // APS data frame, secured (frame control 0x20), endpoint 1 -> 1, cluster 0x0702, profile 0x0109 (SE), counter 7.
            byte[] apsHeader = Hex.Parse("20 01 0207 0901 01 07");
            var aux = new AuxiliarySecurityHeader(SecurityLevel.EncMic32, KeyIdentifier.Data, 0x00001234, Meter, null);
            _apsFrame = new byte[ZigbeeSecurity.SecuredLength(apsHeader.Length, aux, zcl.Length)];
            ZigbeeSecurity.Secure(apsHeader, aux, zcl, LinkKey, null, _apsFrame);
            if (_apsFrame.Length != 60)
            {
                throw new InvalidOperationException($"The APS frame is {_apsFrame.Length} bytes, not 60.");
            }

            _resolver = partner => partner == Meter ? LinkKey : null;
            _keys = new FrameKeys { NetworkKey = NetworkKey };
            if (NwkParseVerifyDecrypt() != 13 || ApsZclParseVerifyDecrypt().Foundation is not ZclReadAttributesResponse)
            {
                throw new InvalidOperationException("The benchmark frames do not decode.");
            }
        }

        /// <summary>NWK header decode + auxiliary header + CCM* MIC verify and decrypt into a reused buffer.</summary>
        [Benchmark(OperationsPerInvoke = 1)]
        public int NwkParseVerifyDecrypt()
        {
            NwkHeader header = NwkHeader.Decode(CapturedNwk);
            ZigbeeSecurity.Unsecure(CapturedNwk, header.HeaderLength, NetworkKey, header.SourceIeeeAddress, _plain, out _, out int length);
            return length;
        }

        /// <summary>60-byte APS-secured ZCL frame: APS header, link-key unsecure, ZCL decode with typed values.</summary>
        [Benchmark]
        public ZclFrame ApsZclParseVerifyDecrypt()
        {
            ApsHeader header = ApsHeader.Decode(_apsFrame);
            ZigbeeSecurity.Unsecure(_apsFrame, header.HeaderLength, null, _resolver, null, _plain, out _, out int length);
            return ZclFrame.Decode(header.ClusterId!.Value, _plain.AsSpan(0, length));
        }

        /// <summary>The whole layered decoder (what ConvertFrom-ZsepFrame calls) on the captured MAC frame.</summary>
        [Benchmark]
        public DecodedFrame FullDecodeCapturedFrame() => FrameDecoder.Decode(CapturedMac, FcsMode.Present, _keys);

        /// <summary>Install code label -> CRC check -> AES-MMO link key (Zigbee BDB 10.1 example).</summary>
        [Benchmark]
        public ZigbeeKey InstallCodeDerivation() =>
            InstallCode.Parse("83FED3407A939723A5C639B26916D505C3B5").DeriveLinkKey();
    }
}
