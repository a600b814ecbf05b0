using System;
using Zsep.Stack.Runtime;
using Zsep.Stack.Zcl;

namespace Zsep.Stack.Application
{
    /// <summary>The general clusters every endpoint here serves: Basic, Identify and (on the ESI) Time, filled from the cluster table.</summary>
    public static class StandardClusters
    {
        public const ushort Basic = 0x0000;
        public const ushort Identify = 0x0003;
        public const ushort Time = 0x000A;
        public const ushort Price = 0x0700;
        public const ushort DemandResponseLoadControl = 0x0701;
        public const ushort Metering = 0x0702;
        public const ushort Messaging = 0x0703;
        public const ushort KeyEstablishment = 0x0800;

        /// <summary>Basic (ZCL rev 7 3.2): ZCLVersion, versions, ManufacturerName, ModelIdentifier, DateCode, PowerSource.</summary>
        public static ZclClusterServer AddBasic(ZclEndpoint endpoint, string manufacturer, string model, byte powerSource = 0x01)
        {
            ZclClusterServer basic = endpoint.AddServer(Basic);
            basic.Add("ZCLVersion", (byte)0x03);
            basic.Add("ApplicationVersion", (byte)0x01);
            basic.Add("StackVersion", (byte)0x02);
            basic.Add("HWVersion", (byte)0x01);
            basic.Add("ManufacturerName", manufacturer);
            basic.Add("ModelIdentifier", model);
            basic.Add("DateCode", "20260101");
            basic.Add("PowerSource", powerSource);
            return basic;
        }

        /// <summary>Identify (ZCL rev 7 3.5): IdentifyTime, counting down once a second while set.</summary>
        public static ZclClusterServer AddIdentify(ZclEndpoint endpoint, IStackScheduler scheduler)
        {
            ZclClusterServer identify = endpoint.AddServer(Identify);
            DateTimeOffset until = DateTimeOffset.MinValue;
            ZclAttribute time = identify.Add(new ZclAttribute(0x0000, ZclDataType.UInt16, ZclValue.Create(ZclDataType.UInt16, (ushort)0),
                ZclAttributeAccess.Readable | ZclAttributeAccess.Writeable,
                () => ZclValue.Create(ZclDataType.UInt16, (ushort)Math.Max(0, Math.Ceiling((until - scheduler.Now).TotalSeconds)))));
            time.Changed += a => until = scheduler.Now + TimeSpan.FromSeconds(Convert.ToDouble(a.StoredValue.Value ?? 0));

            // Identify command 0x00 (3.5.2.3.1): payload IdentifyTime (uint16).
            identify.Handle(0x00, context =>
            {
                byte[] p = context.Payload;
                if (p.Length < 2)
                {
                    return ZclStatus.MalformedCommand;
                }

                time.Value = ZclValue.Create(ZclDataType.UInt16, (ushort)(p[0] | (p[1] << 8)));
                return ZclStatus.Success;
            });
            return identify;
        }

        /// <summary>
        /// Time (ZCL rev 7 3.12) served from the scheduler's clock: Time (UTC seconds since 2000), TimeStatus Master |
        /// MasterZoneDst | Superseding (0x0D, as an ESI that is the network's time source, SE 1.4 5.4.7), TimeZone and DST 0.
        /// Time is read-only here: the master's clock is not set over the air.
        /// </summary>
        public static ZclClusterServer AddTimeServer(ZclEndpoint endpoint, IStackScheduler scheduler)
        {
            ZclClusterServer time = endpoint.AddServer(Time);
            time.Add(new ZclAttribute(0x0000, ZclDataType.UtcTime, null, ZclAttributeAccess.Readable,
                () => ZclValue.Create(ZclDataType.UtcTime, scheduler.Now.UtcDateTime)));
            time.Add(new ZclAttribute(0x0001, ZclDataType.Map8, ZclValue.Create(ZclDataType.Map8, (byte)0x0D)));
            time.Add(new ZclAttribute(0x0002, ZclDataType.Int32, ZclValue.Create(ZclDataType.Int32, 0)));
            time.Add(new ZclAttribute(0x0003, ZclDataType.UInt32, ZclValue.Create(ZclDataType.UInt32, 0u)));
            time.Add(new ZclAttribute(0x0004, ZclDataType.UInt32, ZclValue.Create(ZclDataType.UInt32, 0u)));
            time.Add(new ZclAttribute(0x0005, ZclDataType.Int32, ZclValue.Create(ZclDataType.Int32, 0)));
            time.Add(new ZclAttribute(0x0006, ZclDataType.UInt32, null, ZclAttributeAccess.Readable,
                () => ZclValue.Create(ZclDataType.UInt32, scheduler.Now.UtcDateTime.Subtract(ZclValue.UtcEpoch).Ticks / TimeSpan.TicksPerSecond)));
            time.Add(new ZclAttribute(0x0007, ZclDataType.UInt32, null, ZclAttributeAccess.Readable,
                () => ZclValue.Create(ZclDataType.UInt32, scheduler.Now.UtcDateTime.Subtract(ZclValue.UtcEpoch).Ticks / TimeSpan.TicksPerSecond)));
            return time;
        }
    }
}
