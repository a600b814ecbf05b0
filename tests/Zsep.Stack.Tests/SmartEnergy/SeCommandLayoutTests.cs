using System;
using Xunit;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Tests.SmartEnergy
{
    /// <summary>
    /// Byte layouts of the SE 1.4 (07-5356-19) Annex D commands, each payload written out by hand from the spec's
    /// field tables (and checked field by field against Wireshark's packet-zbee-zcl-se.c dissectors); no capture
    /// was available, so these are hand-made vectors, not recorded traffic.
    /// </summary>
    public class SeCommandLayoutTests
    {
        private static readonly ZclUtcTime Jan2026 = ZclUtcTime.FromDateTime(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        [Fact]
        public void Zcl_utc_time_counts_seconds_from_2000()
        {
            // 2026-01-01 is 9497 days after 2000-01-01: 9497 * 86400 = 820540800 = 0x30E8_7580.
            Assert.Equal(820540800u, Jan2026.Seconds);
            Assert.Equal("2026-01-01T00:00:00Z", Jan2026.ToString());
            Assert.Equal("now", ZclUtcTime.Now.ToString());
            Assert.Null(ZclUtcTime.Invalid.ToDateTime());
            Assert.Throws<ArgumentOutOfRangeException>(() => ZclUtcTime.FromDateTime(new DateTime(1999, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
        }

        [Fact]
        public void D_4_2_4_1_publish_price_mandatory_fields_only()
        {
            var p = new PublishPrice(0x00000001, ZclOctets.FromText("Peak"), 0x0000002A, Jan2026, MeteringUnitOfMeasure.KilowattHours,
                978, 3, 2, 4, 2, ZclUtcTime.Now, 60, 125);
            byte[] expected = Hex.Parse(
                "01000000" + // Provider ID 1
                "045065616B" + // Rate Label "Peak"
                "2A000000" + // Issuer Event ID 42
                "8075E830" + // Current Time 2026-01-01
                "00" + // Unit of Measure kWh
                "D203" + // Currency 978 (EUR)
                "32" + // trailing digit 3, price tier 2
                "42" + // 4 price tiers, register tier 2
                "00000000" + // Start Time now
                "3C00" + // 60 minutes
                "7D000000"); // Price 125 (0.125 EUR/kWh with 3 trailing digits)
            Assert.Equal(expected, p.ToArray());
            Assert.Equal(0, p.OptionalFieldCount);
            PublishPrice d = PublishPrice.Decode(expected);
            Assert.Equal(p, d);
            Assert.Equal("Peak", d.RateLabel.Text);
            Assert.Null(d.PriceRatio);
        }

        [Fact]
        public void D_4_2_4_1_publish_price_optional_fields_stop_after_any_complete_one_and_gaps_are_filled()
        {
            var p = new PublishPrice(1, ZclOctets.Empty, 2, Jan2026, MeteringUnitOfMeasure.KilowattHours, 840, 2, 1, 1, 1, Jan2026, PublishPrice.UntilChanged, 1500)
            {
                AlternateCostDelivered = 0x11223344,
            };

            byte[] bytes = p.ToArray();
            int mandatory = 4 + 1 + 4 + 4 + 1 + 2 + 1 + 1 + 4 + 2 + 4;
            Assert.Equal(mandatory + 1 + 4 + 1 + 4, bytes.Length);

            // Price Ratio, Generation Price and Generation Price Ratio go out as "not used".
            Assert.Equal("FF" + "FFFFFFFF" + "FF" + "44332211", Hex.Format(bytes.AsSpan(mandatory)));
            PublishPrice d = PublishPrice.Decode(bytes);
            Assert.Equal((byte)0xFF, d.PriceRatio);
            Assert.Equal(0xFFFFFFFFu, d.GenerationPrice);
            Assert.Equal(0x11223344u, d.AlternateCostDelivered);
            Assert.Null(d.AlternateCostUnit);

            // Every optional field set: 13 more fields, 19 bytes.
            PublishPrice full = p with
            {
                PriceRatio = 10, GenerationPrice = 7, GenerationPriceRatio = 9, AlternateCostUnit = 1, AlternateCostTrailingDigit = 2,
                NumberOfBlockThresholds = 3, PriceControl = PriceControlFlags.PriceAcknowledgementRequired, NumberOfGenerationTiers = 1,
                GenerationTier = 1, ExtendedNumberOfPriceTiers = 0, ExtendedPriceTier = 0, ExtendedRegisterTier = 5,
            };
            byte[] all = full.ToArray();
            Assert.Equal(mandatory + 19, all.Length);
            Assert.Equal("0A" + "07000000" + "09" + "44332211" + "01" + "20" + "03" + "01" + "01" + "01" + "00" + "00" + "05", Hex.Format(all.AsSpan(mandatory)));

            // Each prefix that ends on a field boundary decodes; one that ends inside a field is malformed.
            int[] sizes = { 1, 4, 1, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
            int end = mandatory;
            for (int i = 0; i <= sizes.Length; i++)
            {
                PublishPrice prefix = PublishPrice.Decode(all.AsSpan(0, end));
                Assert.Equal(i, prefix.OptionalFieldCount);
                Assert.Equal(all.AsSpan(0, end).ToArray(), prefix.ToArray());
                if (i < sizes.Length)
                {
                    if (sizes[i] > 1)
                    {
                        FrameFormatException e = Assert.Throws<FrameFormatException>(() => PublishPrice.Decode(all.AsSpan(0, end + 2)));
                        Assert.Equal(i == 1 ? "GenerationPrice" : "AlternateCostDelivered", e.Field);
                    }

                    end += sizes[i];
                }
            }

            // A field a later revision appends is ignored (ZCL forward compatibility); what we know decodes the same.
            PublishPrice extended = PublishPrice.Decode(Concat(all, 0x00));
            Assert.Equal(all, extended.ToArray());
        }

        [Fact]
        public void D_4_2_4_1_publish_price_nibbles_are_checked_when_encoding()
        {
            var p = new PublishPrice(1, ZclOctets.Empty, 2, Jan2026, MeteringUnitOfMeasure.KilowattHours, 840, 16, 1, 1, 1, Jan2026, 1, 1);
            Assert.Contains("PriceTrailingDigit", Assert.Throws<ArgumentException>(() => p.ToArray()).Message);
        }

        [Fact]
        public void D_4_2_4_2_publish_block_period()
        {
            var b = new PublishBlockPeriod(1, 2, Jan2026, 0x000708, 0x01, 0x00, 0x00, 0x00);
            Assert.Equal("01000000" + "02000000" + "8075E830" + "080700" + "01" + "00" + "00" + "00", Hex.Format(b.ToArray()));
            Assert.Equal(b, PublishBlockPeriod.Decode(b.ToArray()));
            Assert.Throws<ArgumentException>(() => (b with { BlockPeriodDuration = 0x1000000 }).ToArray());
        }

        [Fact]
        public void D_4_2_4_9_publish_tier_labels()
        {
            var t = new PublishTierLabels(1, 2, 3, 0, 1, new[]
            {
                new PriceTierLabel(1, ZclOctets.FromText("Off peak")),
                new PriceTierLabel(2, ZclOctets.FromText("Peak")),
            });
            string expected = "01000000" + "02000000" + "03000000" + "00" + "01" + "02" +
                              "01" + "084F6666207065616B" + "02" + "045065616B";
            Assert.Equal(expected, Hex.Format(t.ToArray()));
            PublishTierLabels d = PublishTierLabels.Decode(Hex.Parse(expected));
            Assert.Equal(t, d);
            Assert.Equal("Off peak", d.Labels[0].TierLabel.Text);

            // Number of Labels larger than the payload can hold.
            byte[] lying = Hex.Parse(expected);
            lying[14] = 9;
            Assert.Equal("NumberOfLabels", Assert.Throws<FrameFormatException>(() => PublishTierLabels.Decode(lying)).Field);
        }

        [Fact]
        public void D_4_2_3_price_client_commands()
        {
            Assert.Equal("01", Hex.Format(new GetCurrentPrice(GetCurrentPrice.RequestorRxOnWhenIdle).ToArray()));
            Assert.Equal("8075E830" + "05", Hex.Format(new GetScheduledPrices(Jan2026, 5).ToArray()));
            Assert.Equal("01000000" + "2A000000" + "8075E830" + "01", Hex.Format(new PriceAcknowledgement(1, 42, Jan2026, 1).ToArray()));
            Assert.Equal("00000000" + "00", Hex.Format(new GetBlockPeriods(ZclUtcTime.Now, 0).ToArray()));
            Assert.Equal("00000000" + "00" + "02", Hex.Format(new GetBlockPeriods(ZclUtcTime.Now, 0, 2).ToArray()));
            Assert.Equal("78563412", Hex.Format(new GetTierLabels(0x12345678).ToArray()));
            Assert.Equal(new GetBlockPeriods(ZclUtcTime.Now, 0), SmartEnergyCommand.Decode(0x0700, 0x03, ZclDirection.ClientToServer, Hex.Parse("0000000000")));
        }

        [Fact]
        public void D_2_2_3_1_load_control_event_with_unused_fields()
        {
            var e = new LoadControlEvent(0x01020304, LoadControlDeviceClass.HVAC | LoadControlDeviceClass.WaterHeater, 0, ZclUtcTime.Now, 30,
                LoadControlCriticality.Level1, AverageLoadAdjustmentPercentage: -20, EventControl: LoadControlEventControl.RandomizeStartTime);
            string expected =
                "04030201" + // Issuer Event ID
                "0500" + // Device Class: HVAC (bit 0) + water heater (bit 2)
                "00" + // Utility Enrollment Group
                "00000000" + // Start Time now
                "1E00" + // 30 minutes
                "02" + // Criticality Level 1
                "FF" + "FF" + // temperature offsets not used
                "0080" + "0080" + // set points not used
                "EC" + // average load adjustment -20 %
                "FF" + // duty cycle not used
                "01"; // randomize start
            Assert.Equal(expected, Hex.Format(e.ToArray()));
            Assert.Equal(23, e.EncodedLength);
            LoadControlEvent d = LoadControlEvent.Decode(Hex.Parse(expected));
            Assert.Equal(e, d);
            Assert.Equal(LoadControlEvent.SetPointNotUsed, d.CoolingTemperatureSetPoint);
            Assert.Equal("LoadControlEvent", d.CommandName);
            Assert.Equal("DeviceClass", Assert.Throws<FrameFormatException>(() => LoadControlEvent.Decode(Hex.Parse("0403020105"))).Field);
        }

        [Fact]
        public void D_2_2_3_2_cancel_commands()
        {
            var c = new CancelLoadControlEvent(0x2A, LoadControlDeviceClass.All, 3, LoadControlCancelControl.RandomizeEnd);
            Assert.Equal("2A000000" + "FF0F" + "03" + "01" + "00000000", Hex.Format(c.ToArray()));
            Assert.Equal(c, CancelLoadControlEvent.Decode(c.ToArray()));
            Assert.Equal("00", Hex.Format(new CancelAllLoadControlEvents(LoadControlCancelControl.None).ToArray()));
        }

        [Fact]
        public void D_2_3_3_1_report_event_status_is_60_bytes_with_a_42_byte_signature()
        {
            var s = new ReportEventStatus(0x2A, LoadControlEventStatus.UserOptedOut, Jan2026, LoadControlCriticality.Level1);
            byte[] bytes = s.ToArray();
            Assert.Equal(60, bytes.Length);
            Assert.Equal("2A000000" + "04" + "8075E830" + "02" + "0080" + "0080" + "80" + "FF" + "00" + "00", Hex.Format(bytes.AsSpan(0, 18)));
            Assert.Equal(new string('F', 84), Hex.Format(bytes.AsSpan(18)));
            Assert.Equal(s, ReportEventStatus.Decode(bytes));
            Assert.Equal("Signature", Assert.Throws<FrameFormatException>(() => ReportEventStatus.Decode(bytes.AsSpan(0, 59))).Field);
            Assert.Throws<ArgumentException>(() => (s with { Signature = new ZclOctets(new byte[41]) }).ToArray());
            Assert.Equal((byte)0xFE, (byte)LoadControlEventStatus.LoadControlEventCommandRejected);
        }

        [Fact]
        public void D_2_3_3_2_get_scheduled_events_with_and_without_issuer_event_id()
        {
            Assert.Equal("8075E830" + "00", Hex.Format(new GetScheduledEvents(Jan2026, 0).ToArray()));
            Assert.Equal("8075E830" + "00" + "2A000000", Hex.Format(new GetScheduledEvents(Jan2026, 0, 42).ToArray()));
            Assert.Equal("IssuerEventId", Assert.Throws<FrameFormatException>(() => GetScheduledEvents.Decode(Hex.Parse("8075E830" + "00" + "2A00"))).Field);
        }

        [Fact]
        public void D_5_2_3_1_display_message_and_message_control()
        {
            var control = MessageControl.Create(MessageImportance.High, confirmationRequired: true);
            Assert.Equal(0x88, control.Value); // importance 2 in bits 2-3, confirmation bit 7
            var m = new DisplayMessage(7, control, ZclUtcTime.Now, 15, "Hi €");
            string expected = "07000000" + "88" + "00000000" + "0F00" + "064869 20E282AC";
            Assert.Equal(expected.Replace(" ", string.Empty), Hex.Format(m.ToArray()));
            DisplayMessage d = DisplayMessage.Decode(m.ToArray());
            Assert.Equal(m, d);
            Assert.Equal(MessageImportance.High, d.MessageControl.Importance);
            Assert.True(d.MessageControl.ConfirmationRequired);
            Assert.Equal(MessageTransmissionMode.Normal, d.MessageControl.TransmissionMode);

            var ext = m with { ExtendedMessageControl = 0x01, Protected = true };
            Assert.Equal(MessagingCommands.DisplayProtectedMessage, ext.CommandId);
            Assert.Equal(ext, SmartEnergyCommand.Decode(0x0703, 0x02, ZclDirection.ServerToClient, ext.ToArray()));
            Assert.Equal("Message", Assert.Throws<FrameFormatException>(() => DisplayMessage.Decode(m.ToArray().AsSpan(0, 14))).Field);
        }

        [Fact]
        public void D_5_3_3_messaging_client_commands()
        {
            Assert.Empty(new GetLastMessage().ToArray());
            Assert.Equal(new GetLastMessage(), SmartEnergyCommand.Decode(0x0703, 0x00, ZclDirection.ClientToServer, ReadOnlySpan<byte>.Empty));
            Assert.Equal("07000000" + "8075E830", Hex.Format(new MessageConfirmation(7, Jan2026).ToArray()));
            Assert.Equal("07000000" + "8075E830" + "02", Hex.Format(new MessageConfirmation(7, Jan2026, MessageConfirmationControl.YesReturned).ToArray()));
            Assert.Equal("07000000" + "8075E830" + "00" + "024F4B", Hex.Format(new MessageConfirmation(7, Jan2026, null, ZclOctets.FromText("OK")).ToArray()));
            Assert.Equal("07000000" + "01", Hex.Format(new CancelMessage(7, new MessageControl(0x01)).ToArray()));
        }

        [Fact]
        public void Dispatcher_returns_null_for_untyped_commands_and_reads_whole_zcl_frames()
        {
            Assert.Null(SmartEnergyCommand.Decode(0x0700, 0x05, ZclDirection.ServerToClient, new byte[3]));
            Assert.Null(SmartEnergyCommand.Decode(0x0006, 0x00, ZclDirection.ClientToServer, new byte[0]));
            Assert.False(SmartEnergyCommand.TryDecode(0x0702, 0x00, ZclDirection.ClientToServer, new byte[0], out _, out FrameFormatException? none));
            Assert.Null(none);
            Assert.False(SmartEnergyCommand.TryDecode(0x0701, 0x00, ZclDirection.ServerToClient, new byte[3], out _, out FrameFormatException? bad));
            Assert.NotNull(bad);

            // A whole ZCL frame: cluster-specific, server to client, TSN 0x10, Get Tier Labels answer.
            var t = new GetTierLabels(9);
            byte[] frame = Concat(Hex.Parse("01" + "10" + "0A"), t.ToArray());
            ZclFrame zcl = ZclFrame.Decode(0x0700, frame);
            Assert.Equal(t, SmartEnergyCommand.Decode(zcl));
        }

        private static byte[] Concat(byte[] a, params byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            a.CopyTo(r, 0);
            b.CopyTo(r, a.Length);
            return r;
        }
    }
}
