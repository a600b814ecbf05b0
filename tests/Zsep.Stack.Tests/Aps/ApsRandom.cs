using System;
using Zsep.Stack.Aps;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Aps
{
    /// <summary>Random valid APS structures for round-trip and mutation runs (seeded by the caller).</summary>
    internal static class ApsRandom
    {
        public static byte[] Bytes(Random rng, int length)
        {
            byte[] b = new byte[length];
            rng.NextBytes(b);
            return b;
        }

        public static Eui64 Eui(Random rng) => new Eui64(BitConverter.ToUInt64(Bytes(rng, 8), 0));

        public static ZigbeeKey Key(Random rng) => new ZigbeeKey(Bytes(rng, 16));

        public static byte Byte(Random rng) => (byte)rng.Next(256);

        public static ushort UShort(Random rng) => (ushort)rng.Next(65536);

        public static ApsHeader Header(Random rng, ApsFrameType? forcedType = null, bool? forcedSecurity = null)
        {
            var type = forcedType ?? (ApsFrameType)rng.Next(4);
            var mode = (ApsDeliveryMode)rng.Next(4);
            bool ackFormat = rng.Next(2) == 0;
            bool extended = rng.Next(3) == 0;
            bool endpoints = type == ApsFrameType.Data || (type == ApsFrameType.Ack && !ackFormat);
            bool hasExt = extended && type != ApsFrameType.InterPan;
            var fragmentation = hasExt ? (ApsFragmentation)rng.Next(4) : ApsFragmentation.NotFragmented;
            bool fragmented = fragmentation != ApsFragmentation.NotFragmented;
            return new ApsHeader
            {
                FrameType = type,
                DeliveryMode = mode,
                AckFormat = ackFormat,
                Security = forcedSecurity ?? rng.Next(2) == 0,
                AckRequest = rng.Next(2) == 0,
                ExtendedHeaderPresent = extended,
                DestinationEndpoint = endpoints && (mode == ApsDeliveryMode.Unicast || mode == ApsDeliveryMode.Broadcast) ? Byte(rng) : null,
                GroupAddress = (endpoints || type == ApsFrameType.InterPan) && mode == ApsDeliveryMode.Group ? UShort(rng) : null,
                ClusterId = endpoints || type == ApsFrameType.InterPan ? UShort(rng) : null,
                ProfileId = endpoints || type == ApsFrameType.InterPan ? UShort(rng) : null,
                SourceEndpoint = endpoints ? Byte(rng) : null,
                Counter = type != ApsFrameType.InterPan ? Byte(rng) : null,
                Fragmentation = fragmentation,
                BlockNumber = fragmented ? Byte(rng) : null,
                AckBitfield = fragmented && type == ApsFrameType.Ack ? Byte(rng) : null,
            };
        }

        public static ApsCommand Command(Random rng)
        {
            switch (rng.Next(11))
            {
                case 0:
                    return new ApsTransportTrustCenterLinkKey
                    {
                        KeyType = rng.Next(4) == 0 ? ApsKeyType.TrustCenterMasterKey : ApsKeyType.TrustCenterLinkKey,
                        Key = Key(rng),
                        DestinationAddress = Eui(rng),
                        SourceAddress = Eui(rng),
                    };
                case 1:
                    return new ApsTransportNetworkKey
                    {
                        KeyType = rng.Next(4) == 0 ? ApsKeyType.HighSecurityNetworkKey : ApsKeyType.StandardNetworkKey,
                        Key = Key(rng),
                        KeySequenceNumber = Byte(rng),
                        DestinationAddress = Eui(rng),
                        SourceAddress = Eui(rng),
                    };
                case 2:
                    return new ApsTransportApplicationLinkKey
                    {
                        KeyType = rng.Next(4) == 0 ? ApsKeyType.ApplicationMasterKey : ApsKeyType.ApplicationLinkKey,
                        Key = Key(rng),
                        PartnerAddress = Eui(rng),
                        InitiatorFlag = (byte)rng.Next(2),
                    };
                case 3:
                    return new ApsUpdateDeviceCommand { DeviceAddress = Eui(rng), DeviceShortAddress = new NwkAddress(UShort(rng)), Status = (ApsUpdateDeviceStatus)rng.Next(4) };
                case 4:
                    return new ApsRemoveDeviceCommand { TargetAddress = Eui(rng) };
                case 5:
                    {
                        var keyType = rng.Next(2) == 0 ? ApsKeyType.TrustCenterLinkKey : ApsKeyType.ApplicationMasterKey;
                        return new ApsRequestKeyCommand { KeyType = keyType, PartnerAddress = keyType == ApsKeyType.ApplicationMasterKey ? Eui(rng) : null };
                    }

                case 6:
                    return new ApsSwitchKeyCommand { KeySequenceNumber = Byte(rng) };
                case 7:
                    return new ApsTunnelCommand { DestinationAddress = Eui(rng), TunneledFrame = Bytes(rng, rng.Next(40)) };
                case 8:
                    return new ApsVerifyKeyCommand { SourceAddress = Eui(rng), InitiatorVerifyKeyHashValue = Bytes(rng, 16) };
                case 9:
                    return new ApsConfirmKeyCommand { Status = rng.Next(2) == 0 ? ApsStatus.SUCCESS : ApsStatus.SECURITY_FAIL, DestinationAddress = Eui(rng) };
                default:
                    return new ApsUnknownCommand((byte)(0x11 + rng.Next(0xEE)), Bytes(rng, rng.Next(20)));
            }
        }

        public static ApsFrame Frame(Random rng)
        {
            ApsHeader header = Header(rng);
            if (header.FrameType == ApsFrameType.Command && !header.Security)
            {
                return ApsFrame.FromCommand(header, Command(rng));
            }

            int length = header.FrameType == ApsFrameType.Ack ? 0 : rng.Next(60);
            return new ApsFrame(header, Bytes(rng, length));
        }
    }
}
