using System;
using System.Collections.Generic;
using Xunit;
using Zsep.Stack.Mac;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.Mac
{
    /// <summary>Builds random valid MAC frames of every structure for the round-trip and mutation tests.</summary>
    internal static class MacRandom
    {
        private static readonly MacAddressingMode[] Modes = { MacAddressingMode.None, MacAddressingMode.Short, MacAddressingMode.Extended };

        public static byte[] Bytes(Random rng, int min, int max)
        {
            var b = new byte[rng.Next(min, max + 1)];
            rng.NextBytes(b);
            return b;
        }

        public static ulong ULong(Random rng)
        {
            var b = new byte[8];
            rng.NextBytes(b);
            return BitConverter.ToUInt64(b, 0);
        }

        public static MacAddress Address(Random rng, MacAddressingMode mode) => mode switch
        {
            MacAddressingMode.Short => MacAddress.FromShort((ushort)rng.Next(0x10000)),
            MacAddressingMode.Extended => MacAddress.FromExtended(new Eui64(ULong(rng))),
            _ => MacAddress.None,
        };

        public static MacCommand Command(Random rng)
        {
            switch (rng.Next(10))
            {
                case 0: return new MacAssociationRequest((MacCapabilityInformation)rng.Next(256));
                case 1: return new MacAssociationResponse((ushort)rng.Next(0x10000), (MacAssociationStatus)rng.Next(256));
                case 2: return new MacDisassociationNotification((MacDisassociationReason)rng.Next(256));
                case 3: return MacDataRequest.Instance;
                case 4: return MacPanIdConflictNotification.Instance;
                case 5: return MacOrphanNotification.Instance;
                case 6: return MacBeaconRequest.Instance;
                case 7:
                    return new MacCoordinatorRealignment(
                        new PanId((ushort)rng.Next(0x10000)), (ushort)rng.Next(0x10000), (byte)rng.Next(11, 27),
                        (ushort)rng.Next(0x10000), rng.Next(2) == 0 ? (byte?)null : (byte)rng.Next(32));
                case 8: return new MacGtsRequest((byte)rng.Next(256));
                default:
                    int id = rng.Next(0x0A, 0x101) & 0xFF; // 0x0A..0xFF or 0x00
                    return new MacUnknownCommand((byte)id, Bytes(rng, 0, 12));
            }
        }

        public static MacBeacon Beacon(Random rng)
        {
            var gts = new MacGtsDescriptor[rng.Next(4) == 0 ? rng.Next(8) : 0];
            for (int i = 0; i < gts.Length; i++)
            {
                gts[i] = new MacGtsDescriptor((ushort)rng.Next(0x10000), rng.Next(16), rng.Next(16), (MacGtsDirection)rng.Next(2));
            }

            var shorts = new ushort[rng.Next(3) == 0 ? rng.Next(8) : 0];
            for (int i = 0; i < shorts.Length; i++)
            {
                shorts[i] = (ushort)rng.Next(0x10000);
            }

            var ext = new Eui64[rng.Next(3) == 0 ? rng.Next(8) : 0];
            for (int i = 0; i < ext.Length; i++)
            {
                ext[i] = new Eui64(ULong(rng));
            }

            byte[] payload = rng.Next(3) switch
            {
                0 => ZigbeeBeacon(rng).ToArray(),
                1 => Bytes(rng, 0, 20),
                _ => Array.Empty<byte>(),
            };

            return new MacBeacon
            {
                SuperframeSpecification = new MacSuperframeSpecification((ushort)(rng.Next(0x10000) & ~0x2000)),
                GtsPermit = rng.Next(2) == 0,
                GtsDescriptors = gts,
                PendingShortAddresses = shorts,
                PendingExtendedAddresses = ext,
                BeaconPayload = payload,
            };
        }

        public static ZigbeeBeaconPayload ZigbeeBeacon(Random rng)
        {
            bool legacy = rng.Next(5) == 0;
            return new ZigbeeBeaconPayload
            {
                ProtocolId = 0,
                StackProfile = (ZigbeeStackProfile)rng.Next(16),
                NwkProtocolVersion = (byte)rng.Next(16),
                RouterCapacity = rng.Next(2) == 0,
                DeviceDepth = (byte)rng.Next(16),
                EndDeviceCapacity = rng.Next(2) == 0,
                NwkExtendedPanId = new Eui64(ULong(rng)),
                TxOffset = legacy ? null : (uint)rng.Next(0x1000000),
                NwkUpdateId = legacy ? null : (byte)rng.Next(256),
            };
        }

        public static MacFrame Frame(Random rng)
        {
            int v = rng.Next(10);
            var version = v < 6 ? MacFrameVersion.Ieee802154_2003 : v < 8 ? MacFrameVersion.Ieee802154_2006 : MacFrameVersion.Ieee802154_2015;
            bool v2 = version == MacFrameVersion.Ieee802154_2015;
            var type = (MacFrameType)rng.Next(4);
            MacAddressingMode dstMode = Modes[rng.Next(3)];
            MacAddressingMode srcMode = Modes[rng.Next(3)];
            bool compression = rng.Next(2) == 0;
            MacFrame.GetPanIdPresence(version, dstMode, srcMode, compression, out bool dstPan, out bool srcPan);

            MacAuxiliarySecurityHeader? security = null;
            if (rng.Next(6) == 0)
            {
                int control = rng.Next(0x20) | (v2 ? rng.Next(4) << 5 : 0);
                var mode = (MacKeyIdentifierMode)((control >> 3) & 3);
                bool suppressed = v2 && (control & 0x20) != 0;
                security = new MacAuxiliarySecurityHeader
                {
                    SecurityControl = (byte)control,
                    FrameCounter = suppressed ? null : (uint)rng.Next() ^ ((uint)rng.Next(2) << 31),
                    KeySource = mode == MacKeyIdentifierMode.KeySource4 ? (uint)rng.Next() : mode == MacKeyIdentifierMode.KeySource8 ? ULong(rng) : null,
                    KeyIndex = mode == MacKeyIdentifierMode.Implicit ? null : (byte)rng.Next(256),
                };
            }

            bool iePresent = v2 && rng.Next(3) == 0;
            byte[] payload;
            if (type == MacFrameType.Beacon && !v2 && security is null)
            {
                payload = Beacon(rng).ToArray();
            }
            else if (type == MacFrameType.Command && !iePresent && security is null)
            {
                payload = Command(rng).ToArray();
            }
            else
            {
                payload = Bytes(rng, 0, 30);
            }

            byte[] headerIes = Array.Empty<byte>();
            if (iePresent)
            {
                var ies = new List<byte>();
                int n = rng.Next(3);
                for (int i = 0; i < n; i++)
                {
                    int id = rng.Next(0x7E);
                    byte[] content = Bytes(rng, 0, 6);
                    int descriptor = content.Length | (id << 7);
                    ies.Add((byte)descriptor);
                    ies.Add((byte)(descriptor >> 8));
                    ies.AddRange(content);
                }

                if (payload.Length > 0 || rng.Next(2) == 0)
                {
                    int id = rng.Next(2) == 0 ? 0x7E : 0x7F;
                    ies.Add((byte)(id << 7));
                    ies.Add((byte)(id >> 1));
                }

                headerIes = ies.ToArray();
            }

            return new MacFrame
            {
                FrameType = type,
                FramePending = rng.Next(2) == 0,
                AckRequest = rng.Next(2) == 0,
                PanIdCompression = compression,
                IePresent = iePresent,
                FrameVersion = version,
                ReservedFrameControlBits = (ushort)(rng.Next(8) == 0 ? 0x0080 : 0),
                SequenceNumber = v2 && rng.Next(4) == 0 ? null : (byte)rng.Next(256),
                DestinationPanId = dstPan ? new PanId((ushort)rng.Next(0x10000)) : null,
                DestinationAddress = Address(rng, dstMode),
                SourcePanId = srcPan ? new PanId((ushort)rng.Next(0x10000)) : null,
                SourceAddress = Address(rng, srcMode),
                AuxiliarySecurityHeader = security,
                HeaderIes = headerIes,
                Payload = payload,
            };
        }

        public static void AssertSameFields(MacFrame expected, MacFrame actual)
        {
            Assert.Equal(expected.FrameType, actual.FrameType);
            Assert.Equal(expected.FrameControl, actual.FrameControl);
            Assert.Equal(expected.SecurityEnabled, actual.SecurityEnabled);
            Assert.Equal(expected.FramePending, actual.FramePending);
            Assert.Equal(expected.AckRequest, actual.AckRequest);
            Assert.Equal(expected.PanIdCompression, actual.PanIdCompression);
            Assert.Equal(expected.IePresent, actual.IePresent);
            Assert.Equal(expected.FrameVersion, actual.FrameVersion);
            Assert.Equal(expected.ReservedFrameControlBits, actual.ReservedFrameControlBits);
            Assert.Equal(expected.SequenceNumber, actual.SequenceNumber);
            Assert.Equal(expected.DestinationPanId, actual.DestinationPanId);
            Assert.Equal(expected.DestinationAddress, actual.DestinationAddress);
            Assert.Equal(expected.SourcePanId, actual.SourcePanId);
            Assert.Equal(expected.SourceAddress, actual.SourceAddress);
            Assert.Equal(expected.AuxiliarySecurityHeader, actual.AuxiliarySecurityHeader);
            Assert.Equal(expected.HeaderIes, actual.HeaderIes);
            Assert.Equal(expected.Payload, actual.Payload);
            Assert.Equal(expected.HeaderLength, actual.HeaderLength);

            if (expected.Command is MacUnknownCommand u)
            {
                var au = Assert.IsType<MacUnknownCommand>(actual.Command);
                Assert.Equal(u.CommandFrameIdentifier, au.CommandFrameIdentifier);
                Assert.Equal(u.Payload, au.Payload);
            }
            else
            {
                Assert.Equal(expected.Command, actual.Command);
            }

            Assert.Equal(expected.Beacon is null, actual.Beacon is null);
            if (expected.Beacon is MacBeacon eb)
            {
                MacBeacon ab = actual.Beacon!;
                Assert.Equal(eb.SuperframeSpecification, ab.SuperframeSpecification);
                Assert.Equal(eb.GtsPermit, ab.GtsPermit);
                Assert.Equal(eb.GtsDescriptors, ab.GtsDescriptors);
                Assert.Equal(eb.PendingShortAddresses, ab.PendingShortAddresses);
                Assert.Equal(eb.PendingExtendedAddresses, ab.PendingExtendedAddresses);
                Assert.Equal(eb.BeaconPayload, ab.BeaconPayload);
                Assert.Equal(eb.ZigbeeBeacon, ab.ZigbeeBeacon);
            }
        }
    }
}
