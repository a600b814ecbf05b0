using System;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;

namespace Zsep.Stack.Aps
{
    /// <summary>
    /// An APS command: the (decrypted) payload of an APS command frame, the command identifier then its fields.
    /// Zigbee PRO (05-3474) 4.4.10 Command Frames. Unknown identifiers decode as
    /// <see cref="ApsUnknownCommand"/> with the raw fields.
    /// </summary>
    public abstract record ApsCommand
    {
        private protected ApsCommand()
        {
        }

        public abstract ApsCommandId CommandId { get; }

        /// <summary>Bytes of the command on the air, identifier included.</summary>
        public int EncodedLength => 1 + FieldsLength;

        private protected abstract int FieldsLength { get; }

        private protected abstract void WriteFields(ref FrameWriter w);

        public int Encode(Span<byte> destination)
        {
            var w = new FrameWriter(destination);
            w.WriteByte((byte)CommandId);
            WriteFields(ref w);
            return w.Position;
        }

        public byte[] ToArray()
        {
            byte[] bytes = new byte[EncodedLength];
            Encode(bytes);
            return bytes;
        }

        /// <summary>Decodes a command from its identifier on; every byte must belong to the command.</summary>
        /// <param name="data">The command identifier and fields (the APS payload, after decryption when secured).</param>
        /// <param name="baseOffset">Added to offsets in errors, when <paramref name="data"/> is a slice of a frame.</param>
        public static ApsCommand Decode(ReadOnlySpan<byte> data, int baseOffset = 0)
        {
            var r = new FrameReader(data, FrameLayer.Aps, baseOffset);
            byte id = r.ReadByte("CommandId");
            ApsCommand command;
            switch ((ApsCommandId)id)
            {
                case ApsCommandId.TransportKey:
                    command = ApsTransportKeyCommand.ReadFields(ref r);
                    break;
                case ApsCommandId.UpdateDevice:
                    command = new ApsUpdateDeviceCommand
                    {
                        DeviceAddress = r.ReadEui64("DeviceAddress"),
                        DeviceShortAddress = r.ReadNwkAddress("DeviceShortAddress"),
                        Status = (ApsUpdateDeviceStatus)r.ReadByte("Status"),
                    };
                    break;
                case ApsCommandId.RemoveDevice:
                    command = new ApsRemoveDeviceCommand { TargetAddress = r.ReadEui64("TargetAddress") };
                    break;
                case ApsCommandId.RequestKey:
                    {
                        var keyType = (ApsKeyType)r.ReadByte("RequestKeyType");
                        Eui64? partner = ApsRequestKeyCommand.HasPartner(keyType) ? r.ReadEui64("PartnerAddress") : (Eui64?)null;
                        command = new ApsRequestKeyCommand { KeyType = keyType, PartnerAddress = partner };
                        break;
                    }

                case ApsCommandId.SwitchKey:
                    command = new ApsSwitchKeyCommand { KeySequenceNumber = r.ReadByte("KeySequenceNumber") };
                    break;
                case ApsCommandId.Tunnel:
                    command = new ApsTunnelCommand
                    {
                        DestinationAddress = r.ReadEui64("DestinationAddress"),
                        TunneledFrame = r.ReadArray(r.Remaining, "TunneledAuxiliaryFrame"),
                    };
                    break;
                case ApsCommandId.VerifyKey:
                    command = new ApsVerifyKeyCommand
                    {
                        KeyType = (ApsKeyType)r.ReadByte("StandardKeyType"),
                        SourceAddress = r.ReadEui64("SourceAddress"),
                        InitiatorVerifyKeyHashValue = r.ReadArray(ApsVerifyKeyCommand.HashLength, "InitiatorVerifyKeyHashValue"),
                    };
                    break;
                case ApsCommandId.ConfirmKey:
                    command = new ApsConfirmKeyCommand
                    {
                        Status = (ApsStatus)r.ReadByte("Status"),
                        KeyType = (ApsKeyType)r.ReadByte("StandardKeyType"),
                        DestinationAddress = r.ReadEui64("DestinationAddress"),
                    };
                    break;
                default:
                    return new ApsUnknownCommand(id, r.ReadArray(r.Remaining, "Payload"));
            }

            if (!r.IsAtEnd)
            {
                throw r.Error("Payload", $"{r.Remaining} bytes follow the {command.CommandId} command fields");
            }

            return command;
        }

        public static bool TryDecode(ReadOnlySpan<byte> data, out ApsCommand? value, out FrameFormatException? error) =>
            FrameCodec.TryDecode(data, static d => Decode(d), out value, out error);
    }

    /// <summary>
    /// APS Transport-Key command. Zigbee PRO (05-3474) 4.4.10.1: key type, key, then the key descriptor fields of
    /// the key type.
    /// </summary>
    public abstract record ApsTransportKeyCommand : ApsCommand
    {
        private protected ApsTransportKeyCommand()
        {
        }

        public override ApsCommandId CommandId => ApsCommandId.TransportKey;

        /// <summary>4.4.10.1.1 StandardKeyType.</summary>
        public ApsKeyType KeyType { get; init; }

        /// <summary>The transported key: a secret, never displayed.</summary>
        public ZigbeeKey Key { get; init; } = null!;

        private protected abstract int DescriptorLength { get; }

        private protected override int FieldsLength => 1 + ZigbeeKey.Length + DescriptorLength;

        private protected abstract void WriteDescriptor(ref FrameWriter w);

        private protected override void WriteFields(ref FrameWriter w)
        {
            if (Key is null)
            {
                throw new InvalidOperationException("A Transport-Key command needs its Key.");
            }

            w.WriteByte((byte)KeyType);
            w.WriteBytes(Key.Span);
            WriteDescriptor(ref w);
        }

        internal static ApsTransportKeyCommand ReadFields(ref FrameReader r)
        {
            var keyType = (ApsKeyType)r.ReadByte("StandardKeyType");
            switch (keyType)
            {
                case ApsKeyType.TrustCenterLinkKey:
                case ApsKeyType.TrustCenterMasterKey:
                    {
                        var key = new ZigbeeKey(r.ReadBytes(ZigbeeKey.Length, "Key"));
                        return new ApsTransportTrustCenterLinkKey
                        {
                            KeyType = keyType,
                            Key = key,
                            DestinationAddress = r.ReadEui64("DestinationAddress"),
                            SourceAddress = r.ReadEui64("SourceAddress"),
                        };
                    }

                case ApsKeyType.StandardNetworkKey:
                case ApsKeyType.HighSecurityNetworkKey:
                    {
                        var key = new ZigbeeKey(r.ReadBytes(ZigbeeKey.Length, "Key"));
                        return new ApsTransportNetworkKey
                        {
                            KeyType = keyType,
                            Key = key,
                            KeySequenceNumber = r.ReadByte("SequenceNumber"),
                            DestinationAddress = r.ReadEui64("DestinationAddress"),
                            SourceAddress = r.ReadEui64("SourceAddress"),
                        };
                    }

                case ApsKeyType.ApplicationLinkKey:
                case ApsKeyType.ApplicationMasterKey:
                    {
                        var key = new ZigbeeKey(r.ReadBytes(ZigbeeKey.Length, "Key"));
                        Eui64 partner = r.ReadEui64("PartnerAddress");
                        byte initiator = r.ReadByte("InitiatorFlag");
                        return new ApsTransportApplicationLinkKey
                        {
                            KeyType = keyType,
                            Key = key,
                            PartnerAddress = partner,
                            InitiatorFlag = initiator,
                        };
                    }

                default:
                    // The key descriptor layout of a reserved key type is unknown.
                    throw new FrameFormatException(r.Layer, "StandardKeyType", r.AbsoluteOffset - 1, $"Reserved key type 0x{(byte)keyType:X2}");
            }
        }
    }

    /// <summary>Transport-Key of a trust center link key (key type 0x04). Zigbee PRO (05-3474) 4.4.10.1.</summary>
    public sealed record ApsTransportTrustCenterLinkKey : ApsTransportKeyCommand
    {
        public ApsTransportTrustCenterLinkKey() => KeyType = ApsKeyType.TrustCenterLinkKey;

        /// <summary>The device the key is for.</summary>
        public Eui64 DestinationAddress { get; init; }

        /// <summary>The trust center that sent the key.</summary>
        public Eui64 SourceAddress { get; init; }

        private protected override int DescriptorLength => 16;

        private protected override void WriteDescriptor(ref FrameWriter w)
        {
            w.WriteEui64(DestinationAddress);
            w.WriteEui64(SourceAddress);
        }
    }

    /// <summary>Transport-Key of a network key (key type 0x01). Zigbee PRO (05-3474) 4.4.10.1.</summary>
    public sealed record ApsTransportNetworkKey : ApsTransportKeyCommand
    {
        public ApsTransportNetworkKey() => KeyType = ApsKeyType.StandardNetworkKey;

        /// <summary>The key sequence number of the network key.</summary>
        public byte KeySequenceNumber { get; init; }

        /// <summary>The device the key is for (all zeros when broadcast).</summary>
        public Eui64 DestinationAddress { get; init; }

        /// <summary>The trust center that sent the key.</summary>
        public Eui64 SourceAddress { get; init; }

        private protected override int DescriptorLength => 17;

        private protected override void WriteDescriptor(ref FrameWriter w)
        {
            w.WriteByte(KeySequenceNumber);
            w.WriteEui64(DestinationAddress);
            w.WriteEui64(SourceAddress);
        }
    }

    /// <summary>Transport-Key of an application link key (key type 0x03). Zigbee PRO (05-3474) 4.4.10.1.</summary>
    public sealed record ApsTransportApplicationLinkKey : ApsTransportKeyCommand
    {
        public ApsTransportApplicationLinkKey() => KeyType = ApsKeyType.ApplicationLinkKey;

        /// <summary>The other device sharing the key.</summary>
        public Eui64 PartnerAddress { get; init; }

        /// <summary>The initiator flag byte as sent: 1 when the receiver requested the key.</summary>
        public byte InitiatorFlag { get; init; }

        public bool Initiator => InitiatorFlag != 0;

        private protected override int DescriptorLength => 9;

        private protected override void WriteDescriptor(ref FrameWriter w)
        {
            w.WriteEui64(PartnerAddress);
            w.WriteByte(InitiatorFlag);
        }
    }

    /// <summary>APS Update-Device command. Zigbee PRO (05-3474) 4.4.10.2.</summary>
    public sealed record ApsUpdateDeviceCommand : ApsCommand
    {
        public override ApsCommandId CommandId => ApsCommandId.UpdateDevice;

        public Eui64 DeviceAddress { get; init; }

        public NwkAddress DeviceShortAddress { get; init; }

        public ApsUpdateDeviceStatus Status { get; init; }

        private protected override int FieldsLength => 11;

        private protected override void WriteFields(ref FrameWriter w)
        {
            w.WriteEui64(DeviceAddress);
            w.WriteNwkAddress(DeviceShortAddress);
            w.WriteByte((byte)Status);
        }
    }

    /// <summary>APS Remove-Device command. Zigbee PRO (05-3474) 4.4.10.3.</summary>
    public sealed record ApsRemoveDeviceCommand : ApsCommand
    {
        public override ApsCommandId CommandId => ApsCommandId.RemoveDevice;

        public Eui64 TargetAddress { get; init; }

        private protected override int FieldsLength => 8;

        private protected override void WriteFields(ref FrameWriter w) => w.WriteEui64(TargetAddress);
    }

    /// <summary>
    /// APS Request-Key command. Zigbee PRO (05-3474) 4.4.10.4: key type (0x02 application link key, 0x04 trust
    /// center link key), then the partner address for an application key (0x02, and 0x03 as Wireshark also accepts).
    /// </summary>
    public sealed record ApsRequestKeyCommand : ApsCommand
    {
        public override ApsCommandId CommandId => ApsCommandId.RequestKey;

        public ApsKeyType KeyType { get; init; }

        /// <summary>Present only when an application link key is requested.</summary>
        public Eui64? PartnerAddress { get; init; }

        internal static bool HasPartner(ApsKeyType keyType) =>
            keyType == ApsKeyType.ApplicationMasterKey || keyType == ApsKeyType.ApplicationLinkKey;

        private protected override int FieldsLength => HasPartner(KeyType) ? 9 : 1;

        private protected override void WriteFields(ref FrameWriter w)
        {
            w.WriteByte((byte)KeyType);
            if (HasPartner(KeyType))
            {
                w.WriteEui64(PartnerAddress ?? throw new InvalidOperationException("An application key request needs its PartnerAddress."));
            }
        }
    }

    /// <summary>APS Switch-Key command. Zigbee PRO (05-3474) 4.4.10.5.</summary>
    public sealed record ApsSwitchKeyCommand : ApsCommand
    {
        public override ApsCommandId CommandId => ApsCommandId.SwitchKey;

        public byte KeySequenceNumber { get; init; }

        private protected override int FieldsLength => 1;

        private protected override void WriteFields(ref FrameWriter w) => w.WriteByte(KeySequenceNumber);
    }

    /// <summary>
    /// APS Tunnel command. Zigbee PRO (05-3474) 4.4.10.6: destination address, then the tunneled APS frame
    /// (APS header, auxiliary header, secured command and MIC), kept raw.
    /// </summary>
    public sealed record ApsTunnelCommand : ApsCommand
    {
        public override ApsCommandId CommandId => ApsCommandId.Tunnel;

        public Eui64 DestinationAddress { get; init; }

        /// <summary>The tunneled APS frame bytes (decode with <see cref="ApsFrame.Decode"/>).</summary>
        public byte[] TunneledFrame { get; init; } = Array.Empty<byte>();

        private protected override int FieldsLength => 8 + TunneledFrame.Length;

        private protected override void WriteFields(ref FrameWriter w)
        {
            w.WriteEui64(DestinationAddress);
            w.WriteBytes(TunneledFrame);
        }
    }

    /// <summary>APS Verify-Key command. Zigbee PRO (05-3474) 4.4.10.7.</summary>
    public sealed record ApsVerifyKeyCommand : ApsCommand
    {
        internal const int HashLength = 16;

        public override ApsCommandId CommandId => ApsCommandId.VerifyKey;

        /// <summary>StandardKeyType: 0x04 trust center link key.</summary>
        public ApsKeyType KeyType { get; init; } = ApsKeyType.TrustCenterLinkKey;

        public Eui64 SourceAddress { get; init; }

        /// <summary>The 16-byte keyed hash (HMAC of 0x03 under the link key, 4.4.10.7.4): not the key itself.</summary>
        public byte[] InitiatorVerifyKeyHashValue { get; init; } = new byte[HashLength];

        private protected override int FieldsLength => 9 + HashLength;

        private protected override void WriteFields(ref FrameWriter w)
        {
            if (InitiatorVerifyKeyHashValue is null || InitiatorVerifyKeyHashValue.Length != HashLength)
            {
                throw new InvalidOperationException("The Verify-Key hash value is 16 bytes.");
            }

            w.WriteByte((byte)KeyType);
            w.WriteEui64(SourceAddress);
            w.WriteBytes(InitiatorVerifyKeyHashValue);
        }
    }

    /// <summary>APS Confirm-Key command. Zigbee PRO (05-3474) 4.4.10.8.</summary>
    public sealed record ApsConfirmKeyCommand : ApsCommand
    {
        public override ApsCommandId CommandId => ApsCommandId.ConfirmKey;

        public ApsStatus Status { get; init; }

        public ApsKeyType KeyType { get; init; } = ApsKeyType.TrustCenterLinkKey;

        public Eui64 DestinationAddress { get; init; }

        private protected override int FieldsLength => 10;

        private protected override void WriteFields(ref FrameWriter w)
        {
            w.WriteByte((byte)Status);
            w.WriteByte((byte)KeyType);
            w.WriteEui64(DestinationAddress);
        }
    }

    /// <summary>An APS command this codec does not decode (including R23 relay commands): identifier and raw fields.</summary>
    public sealed record ApsUnknownCommand : ApsCommand
    {
        private readonly byte _commandId;

        public ApsUnknownCommand(byte commandId, byte[] payload)
        {
            _commandId = commandId;
            Payload = payload ?? Array.Empty<byte>();
        }

        public override ApsCommandId CommandId => (ApsCommandId)_commandId;

        public byte[] Payload { get; init; }

        private protected override int FieldsLength => Payload.Length;

        private protected override void WriteFields(ref FrameWriter w) => w.WriteBytes(Payload);
    }
}
