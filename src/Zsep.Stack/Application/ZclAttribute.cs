using System;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>
    /// One attribute of a cluster server (ZCL rev 7, 07-5123-07, 2.3.4): its id, data type, access and value. The value
    /// is either stored (set by the application or by Write Attributes) or computed on each read by
    /// <see cref="Getter"/> (a meter's summation that grows with virtual time, the Time cluster's clock).
    /// </summary>
    public sealed class ZclAttribute
    {
        private ZclValue _value;

        public ZclAttribute(ushort id, ZclDataType dataType, ZclValue? initial = null, ZclAttributeAccess access = ZclAttributeAccess.Readable, Func<ZclValue>? getter = null)
        {
            Id = id;
            DataType = dataType;
            Access = access | ZclAttributeAccess.Readable;
            Getter = getter;
            if (initial is not null && initial.DataType != dataType)
            {
                throw new ArgumentException($"Attribute 0x{id:X4} is {dataType}, not {initial.DataType}.", nameof(initial));
            }

            _value = initial ?? ZclValue.Invalid(dataType);
        }

        public ushort Id { get; }

        public ZclDataType DataType { get; }

        public ZclAttributeAccess Access { get; }

        public bool Writable => (Access & ZclAttributeAccess.Writeable) != 0;

        public bool Reportable => (Access & ZclAttributeAccess.Reportable) != 0;

        /// <summary>Computes the value on every read; null for a stored value.</summary>
        public Func<ZclValue>? Getter { get; }

        /// <summary>The value now (computed, or stored).</summary>
        public ZclValue Value
        {
            get => Getter?.Invoke() ?? _value;
            set
            {
                if (value is null)
                {
                    throw new ArgumentNullException(nameof(value));
                }

                if (value.DataType != DataType)
                {
                    throw new ArgumentException($"Attribute 0x{Id:X4} is {DataType}, not {value.DataType}.", nameof(value));
                }

                _value = value;
                Changed?.Invoke(this);
            }
        }

        /// <summary>The stored value (what Write Attributes last set), whatever the getter computes.</summary>
        internal ZclValue StoredValue => _value;

        /// <summary>Raised when a stored value is set (the reporting engine checks for a report).</summary>
        internal event Action<ZclAttribute>? Changed;

        /// <summary>An attribute with the id, type and access of the cluster table's definition.</summary>
        public static ZclAttribute FromDefinition(ZclAttributeDefinition definition, object? value = null, Func<ZclValue>? getter = null)
        {
            if (definition is null)
            {
                throw new ArgumentNullException(nameof(definition));
            }

            return new ZclAttribute(definition.Id, definition.DataType,
                value is null ? null : value as ZclValue ?? ZclValue.Create(definition.DataType, value), definition.Access, getter);
        }

        public override string ToString() => $"0x{Id:X4} {DataType} {Access}";
    }
}
