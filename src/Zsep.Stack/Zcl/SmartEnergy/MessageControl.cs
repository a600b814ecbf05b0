namespace Zsep.Stack.Zcl.SmartEnergy
{
    /// <summary>Transmission Mode, bits 0-1 of Message Control, SE 1.4 (07-5356-19) D.5.2.3.1.1.1 Table D-152.</summary>
    public enum MessageTransmissionMode : byte
    {
        /// <summary>Normal transmission only (over the Zigbee network).</summary>
        Normal = 0,

        /// <summary>Normal and Inter-PAN transmission.</summary>
        NormalAndInterPan = 1,

        /// <summary>Inter-PAN transmission only.</summary>
        InterPanOnly = 2,

        Reserved = 3,
    }

    /// <summary>Importance Level, bits 2-3 of Message Control, SE 1.4 D.5.2.3.1.1.1 Table D-152.</summary>
    public enum MessageImportance : byte
    {
        Low = 0,
        Medium = 1,
        High = 2,
        Critical = 3,
    }

    /// <summary>
    /// The Message Control octet of Display Message and Cancel Message, SE 1.4 (07-5356-19) D.5.2.3.1.1.1 Table D-152:
    /// bits 0-1 transmission mode, bits 2-3 importance, bit 5 enhanced confirmation required, bit 7 message
    /// confirmation required (bits 4 and 6 reserved, kept as received).
    /// </summary>
    public readonly record struct MessageControl(byte Value)
    {
        private const byte EnhancedConfirmationBit = 0x20;
        private const byte ConfirmationBit = 0x80;

        public static MessageControl Create(
            MessageImportance importance = MessageImportance.Low,
            bool confirmationRequired = false,
            MessageTransmissionMode transmission = MessageTransmissionMode.Normal,
            bool enhancedConfirmationRequired = false) =>
            new MessageControl((byte)(((byte)transmission & 0x03) | (((byte)importance & 0x03) << 2) |
                                      (enhancedConfirmationRequired ? EnhancedConfirmationBit : 0) | (confirmationRequired ? ConfirmationBit : 0)));

        public MessageTransmissionMode TransmissionMode => (MessageTransmissionMode)(Value & 0x03);

        public MessageImportance Importance => (MessageImportance)((Value >> 2) & 0x03);

        public bool EnhancedConfirmationRequired => (Value & EnhancedConfirmationBit) != 0;

        public bool ConfirmationRequired => (Value & ConfirmationBit) != 0;

        public override string ToString() =>
            $"{Importance}, {TransmissionMode}" + (ConfirmationRequired ? ", confirmation required" : string.Empty) +
            (EnhancedConfirmationRequired ? ", enhanced confirmation" : string.Empty) + $" (0x{Value:X2})";
    }
}
