using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Zsep.Simulation.Devices;
using Zsep.Simulation.Medium;
using Zsep.Stack.Application;
using Zsep.Stack.Gateway;
using Zsep.Stack.Node;
using Zsep.Stack.Security;
using Zsep.Stack.State;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;
using Xunit;

namespace Zsep.Simulation.Tests.Application
{
    /// <summary>
    /// The ESI's Price (SE 1.4 D.4), DRLC (D.2) and Messaging (D.5) servers end to end against simulated in-home
    /// displays and load control devices on the realistic medium, in virtual time.
    /// </summary>
    public sealed class SmartEnergyServerTests : SimulatedNetworkTest
    {
        private static readonly TimeSpan Timeout = Gateway.SmartEnergyTimeout;

        public SmartEnergyServerTests()
            : base("se", 3000)
        {
        }

        private static Eui64 IeeeFor(int i) => new Eui64(0x000D6F0000C00000UL + (ulong)i);

        private Gateway Form() => Gateway.Create(new GatewayOptions
        {
            Name = "se",
            Channel = 15,
            StatePath = Path.Combine(Dir, "net"),
            Radio = Radio,
            Seed = 9,
        }, SimulatedRadioProvider.Instance);

        private SimulatedDevice Add(Gateway gw, int i, double x, double y, SimulatedDeviceKind kind)
        {
            gw.AddInstallCode(IeeeFor(i), CodeFor(i), force: false);
            return SimulationHost.Find(Radio)!.AddDevice(new SimulatedDeviceSpec
            {
                Kind = kind,
                Ieee = IeeeFor(i),
                InstallCode = CodeFor(i),
                Position = new Position(x, y),
                Channel = gw.Describe().Channel,
                ExtendedPanId = gw.Config.ExtendedPanId,
                Network = gw.Name,
            });
        }

        private static void JoinAll(Gateway gw, IReadOnlyList<SimulatedDevice> devices)
        {
            gw.PermitJoin(254);
            Assert.True(gw.RunUntil(() => devices.All(d => d.Node.State == NodeState.Joined) && gw.GetNodes().Count == devices.Count &&
                                          devices.All(d => gw.GetInterview(d.Ieee)?.Status == ZsepInterviewStatus.Complete), TimeSpan.FromMinutes(15)),
                $"{devices.Count(d => d.Node.State == NodeState.Joined)} of {devices.Count} joined");
        }

        private static PublishPrice Price(uint id, uint price, ZclUtcTime start, ushort minutes) =>
            new PublishPrice(0x1234, ZclOctets.FromText("Peak"), id, ZclUtcTime.Now, MeteringUnitOfMeasure.KilowattHours, 826, 4, 2, 3, 0, start, minutes, price);

        [Fact]
        public void PublishPrice_ToAll_ReachesDisplaysAndMeters_AndTheScheduleAnswersGetCurrentAndScheduledPrices()
        {
            using Gateway gw = Form();
            SimulatedDevice ihd = Add(gw, 1, 30, 0, SimulatedDeviceKind.InHomeDisplay);
            SimulatedDevice meter = Add(gw, 2, 0, 40, SimulatedDeviceKind.Meter);
            SimulatedDevice lcd = Add(gw, 3, -40, 0, SimulatedDeviceKind.LoadControlDevice);
            JoinAll(gw, new[] { ihd, meter, lcd });

            uint id = gw.NextPriceIssuerEventId();
            ZsepPrice now = gw.PublishPrice(Price(id, 2450, ZclUtcTime.Now, 60), null, Timeout);
            // The meter has a Price client (it answers with a Default Response); the load controller has none and is left out.
            Assert.Equal(new[] { ihd.Ieee, meter.Ieee }.OrderBy(e => e), now.Deliveries.Select(d => d.Node).OrderBy(e => e));
            Assert.All(now.Deliveries, d => Assert.True(d.Delivered, d.ToString()));
            Assert.True(now.IsCurrent);
            Assert.Equal(0.245m, now.PriceValue);
            Assert.Equal("GBP", now.CurrencyCode);

            PublishPrice received = Assert.Single(ihd.Application.InHomeDisplay!.Prices);
            Assert.Equal(id, received.IssuerEventId);
            Assert.Equal(2450u, received.Price);
            Assert.True(Math.Abs((received.CurrentTime.ToDateTime()!.Value - gw.Scheduler.Now.UtcDateTime).TotalSeconds) < 10);
            Assert.Equal(received, ihd.Application.InHomeDisplay.CurrentPrice);

            // A later price, to one node; Get-ZsepPrice shows both, the first current.
            DateTimeOffset later = gw.Scheduler.Now.AddHours(1);
            gw.PublishPrice(Price(id + 1, 3100, ZclUtcTime.FromDateTime(later.UtcDateTime), 120), new[] { ihd.Ieee }, Timeout);
            IReadOnlyList<ZsepPrice> schedule = gw.GetPrices();
            Assert.Equal(new[] { id, id + 1 }, schedule.Select(p => p.IssuerEventId));
            Assert.Equal(new[] { true, false }, schedule.Select(p => p.IsCurrent));
            Assert.Single(schedule[1].Deliveries);

            // Get Current Price and Get Scheduled Prices from the display are answered from the schedule.
            List<ZclResponse> answers = Ask(gw, ihd, PriceCommands.ClusterId, PriceCommands.GetCurrentPrice, new GetCurrentPrice(0).ToArray());
            PublishPrice current = PublishPrice.Decode(Assert.Single(answers).Frame!.Payload);
            Assert.Equal(id, current.IssuerEventId);

            int publishes = 0;
            ihd.Application.Application.SendCommand(NwkAddress.Coordinator, Gateway.EsiEndpoint, PriceCommands.ClusterId, PriceCommands.GetScheduledPrices,
                new GetScheduledPrices(ZclUtcTime.Now, 0).ToArray(), Timeout, _ => { }, ZclDirection.ClientToServer, 1);
            // The first answer completes the request; the second arrives as a Publish Price command and is kept.
            Assert.True(gw.RunUntil(() => ihd.Application.InHomeDisplay.Prices.Count == 2, TimeSpan.FromMinutes(1)));
            publishes = ihd.Application.InHomeDisplay.Prices.Count;
            Assert.Equal(2, publishes);

            // An hour on, the second price applies.
            gw.RunFor(TimeSpan.FromMinutes(61));
            Assert.Equal(id + 1, gw.GetCurrentPrice()!.IssuerEventId);
            Assert.Equal(id + 1, ihd.Application.InHomeDisplay.CurrentPrice!.IssuerEventId);
        }

        [Fact]
        public void PublishTierLabels_LongerThanOneFrame_ArrivesWholeThroughApsFragmentation()
        {
            using Gateway gw = Form();
            SimulatedDevice router = Add(gw, 1, 40, 0, SimulatedDeviceKind.LoadControlDevice);
            SimulatedDevice ihd = Add(gw, 2, 80, 0, SimulatedDeviceKind.InHomeDisplay);
            JoinAll(gw, new[] { router, ihd });

            var labels = Enumerable.Range(1, 24).Select(i => new ZsepTierLabel((byte)i, $"Tier {i:00} rate")).ToList();
            ZsepTierLabelTable table = gw.PublishTierLabels(0x1234, 77, 9001, labels, new[] { ihd.Ieee }, Timeout);

            Assert.True(table.PayloadLength > gw.Coordinator.StackOptions.FragmentBlockSize, $"{table.PayloadLength} bytes fit one frame");
            Assert.True(Assert.Single(table.Deliveries).Delivered);
            IReadOnlyDictionary<byte, string> got = ihd.Application.InHomeDisplay!.GetTierLabels(9001)!;
            Assert.Equal(labels.Select(l => (l.TierId, l.Label)), got.Select(kv => (kv.Key, kv.Value)));

            // Get Tier Labels is answered with the stored table, fragmented the same way.
            ZclResponse answer = Assert.Single(Ask(gw, ihd, PriceCommands.ClusterId, PriceCommands.GetTierLabels, new GetTierLabels(9001).ToArray()));
            Assert.Equal(24, PublishTierLabels.Decode(answer.Frame!.Payload).Labels.Count);
            Assert.Equal(ZclStatus.NotFound, Assert.Single(Ask(gw, ihd, PriceCommands.ClusterId, PriceCommands.GetTierLabels, new GetTierLabels(1).ToArray())).DefaultResponse!.Status);
            Assert.Equal(labels, Assert.Single(gw.GetTierLabels()).Labels);
        }

        [Fact]
        public void LoadControlEvent_DevicesReportEachStep_OneOptsOut_AndTheSameIdNeverMakesASecondEvent()
        {
            using Gateway gw = Form();
            var lcds = Enumerable.Range(1, 6).Select(i => Add(gw, i, 35 * (i % 3), 35 * (i / 3), SimulatedDeviceKind.LoadControlDevice)).ToList();
            SimulatedDevice ihd = Add(gw, 10, -30, 0, SimulatedDeviceKind.InHomeDisplay);
            JoinAll(gw, lcds.Append(ihd).ToList());
            lcds[2].Application.LoadControl!.OptOut = true;

            uint id = gw.NextLoadControlIssuerEventId();
            DateTimeOffset start = gw.Scheduler.Now.AddMinutes(2);
            var command = new LoadControlEvent(id, LoadControlDeviceClass.HVAC | LoadControlDeviceClass.WaterHeater, 0, ZclUtcTime.FromDateTime(start.UtcDateTime), 15,
                LoadControlCriticality.Level3, DutyCycle: 50);
            ZsepLoadControlEvent sent = gw.SendLoadControlEvent(command, null, Timeout);
            Assert.True(sent.IsNew);
            Assert.Equal(ZsepLoadControlEventState.Scheduled, sent.State);
            Assert.Equal(lcds.Select(l => l.Ieee).OrderBy(e => e), sent.Devices.Select(d => d.Node)); // the display has no DRLC client

            ZsepLoadControlEvent done = gw.WaitForLoadControlEvent(id, TimeSpan.FromMinutes(30));
            Assert.Equal(ZsepLoadControlEventState.Completed, done.State);
            foreach (ZsepLoadControlStatus d in done.Devices)
            {
                LoadControlEventStatus[] expected = d.Node == lcds[2].Ieee
                    ? new[] { LoadControlEventStatus.LoadControlEventCommandReceived, LoadControlEventStatus.UserOptedOut, LoadControlEventStatus.CompletedNoUserParticipation }
                    : new[] { LoadControlEventStatus.LoadControlEventCommandReceived, LoadControlEventStatus.EventStarted, LoadControlEventStatus.EventCompleted };
                Assert.Equal(expected, d.History);
            }

            Assert.Equal(5, done.Completed);
            Assert.Equal(1, done.OptedOut);
            Assert.True(done.Devices.Single(d => d.Node == lcds[2].Ieee).OptedOut);
            SimulatedLoadControlEvent local = lcds[0].Application.LoadControl!.GetEvent(id)!;
            Assert.True(Math.Abs((local.Start - start).TotalSeconds) < 1, $"{local.Start:O} vs {start:O}");

            // The same issuer event id again: sent again, but no second event, and no device starts it twice.
            ZsepLoadControlEvent again = gw.SendLoadControlEvent(command with { StartTime = ZclUtcTime.Now }, new[] { lcds[0].Ieee }, Timeout);
            Assert.False(again.IsNew);
            Assert.Single(gw.GetLoadControlEvents());
            Assert.Single(lcds[0].Application.LoadControl!.Events);
            var inUse = Assert.Throws<SmartEnergyException>(() => gw.SendLoadControlEvent(command with { DurationInMinutes = 30 }, null, Timeout));
            Assert.Equal(SmartEnergyError.IssuerEventIdInUse, inUse.Reason);

            // A second event is cancelled while it runs: every device reports EventCancelled.
            uint second = gw.NextLoadControlIssuerEventId();
            Assert.NotEqual(id, second);
            gw.SendLoadControlEvent(new LoadControlEvent(second, LoadControlDeviceClass.All, 0, ZclUtcTime.Now, 60, LoadControlCriticality.Level1), null, Timeout);
            gw.RunFor(TimeSpan.FromMinutes(1));
            ZsepLoadControlEvent cancelled = Assert.Single(gw.StopLoadControlEvent(second, Timeout));
            Assert.Equal(ZsepLoadControlEventState.Cancelled, cancelled.State);
            ZsepLoadControlEvent after = gw.WaitForLoadControlEvent(second, TimeSpan.FromMinutes(5));
            Assert.All(after.Devices, d => Assert.Equal(LoadControlEventStatus.EventCancelled, d.Status));
            Assert.Equal(2, gw.GetLoadControlEvents().Count);
        }

        [Fact]
        public void PublishBlockPeriod_IsKeptByTheDisplays_AndADisplayThatAsksGetBlockPeriodsGetsIt()
        {
            using Gateway gw = Form();
            var ihds = Enumerable.Range(1, 3).Select(i => Add(gw, i, 30 * i, 10, SimulatedDeviceKind.InHomeDisplay)).ToList();
            JoinAll(gw, ihds);

            uint id = gw.NextBlockPeriodIssuerEventId();
            // A day of blocks from now, repeating, delivered tariff, thresholds per block period (SE 1.4 D.4.2.4.2).
            var command = new PublishBlockPeriod(0x1234, id, ZclUtcTime.Now, 1, (byte)BlockPeriodControlFlags.RepeatingBlock,
                (byte)((byte)BlockPeriodDurationTimebase.Days | ((byte)BlockPeriodDurationControl.StartOfTimebase << 4)),
                (byte)PriceTariffType.DeliveredTariff, (byte)TariffResolutionPeriod.BlockPeriod);
            ZsepBlockPeriod sent = gw.PublishBlockPeriod(command, new[] { ihds[0].Ieee, ihds[1].Ieee }, Timeout);
            Assert.Equal(2, sent.Deliveries.Count);
            Assert.All(sent.Deliveries, d => Assert.True(d.Delivered, d.ToString()));
            Assert.True(sent.IsCurrent);
            Assert.Equal(BlockPeriodDurationTimebase.Days, sent.DurationTimebase);
            Assert.Equal(sent.StartTime.AddDays(1), sent.EndTime);
            Assert.Equal(BlockPeriodControlFlags.RepeatingBlock, sent.BlockPeriodControl);
            Assert.True(Math.Abs((sent.StartTime - gw.Scheduler.Now).TotalSeconds) < 2);

            foreach (SimulatedDevice ihd in ihds.Take(2))
            {
                PublishBlockPeriod kept = Assert.Single(ihd.Application.InHomeDisplay!.BlockPeriods);
                Assert.Equal(id, kept.IssuerEventId);
                Assert.Equal(ZclUtcTime.FromDateTime(sent.StartTime.UtcDateTime), kept.BlockPeriodStartTime); // "now" went out as the time it was published
                Assert.Equal(command.BlockPeriodDurationType, kept.BlockPeriodDurationType);
            }

            // The third display was not sent it; it asks, and the ESI answers with the block period in force.
            InHomeDisplayClient third = ihds[2].Application.InHomeDisplay!;
            Assert.Empty(third.BlockPeriods);
            ZclResponse? answer = null;
            third.RequestBlockPeriods(completed: r => answer = r);
            Assert.True(gw.RunUntil(() => answer is not null, TimeSpan.FromMinutes(1)));
            Assert.Equal(ZclTransactionStatus.Success, answer!.Status);
            Assert.Equal(id, Assert.Single(third.BlockPeriods).IssuerEventId);

            // A second block period tomorrow: Get-ZsepPrice -BlockPeriod lists both, by start; asking for received tariffs finds none.
            DateTimeOffset tomorrow = sent.EndTime!.Value;
            gw.PublishBlockPeriod(command with { IssuerEventId = id + 1, BlockPeriodStartTime = ZclUtcTime.FromDateTime(tomorrow.UtcDateTime) }, new[] { ihds[0].Ieee }, Timeout);
            Assert.Equal(new[] { id, id + 1 }, gw.GetBlockPeriods().Select(b => b.IssuerEventId));
            Assert.Equal(new[] { true, false }, gw.GetBlockPeriods().Select(b => b.IsCurrent));
            Assert.Single(gw.GetBlockPeriods()[1].Deliveries);
            List<ZclResponse> none = Ask(gw, ihds[2], PriceCommands.ClusterId, PriceCommands.GetBlockPeriods,
                new GetBlockPeriods(ZclUtcTime.Now, 0, (byte)PriceTariffType.ReceivedTariff).ToArray());
            Assert.Equal(ZclStatus.NotFound, Assert.Single(none).DefaultResponse!.Status);

            // A day on, the first has ended and the second applies; asking from now returns only the second.
            gw.RunFor(TimeSpan.FromDays(1).Add(TimeSpan.FromMinutes(1)));
            Assert.Equal(new[] { false, true }, gw.GetBlockPeriods().Select(b => b.IsCurrent));
            List<ZclResponse> later = Ask(gw, ihds[2], PriceCommands.ClusterId, PriceCommands.GetBlockPeriods, new GetBlockPeriods(ZclUtcTime.Now, 0).ToArray());
            Assert.Equal(id + 1, PublishBlockPeriod.Decode(Assert.Single(later).Frame!.Payload).IssuerEventId);
        }

        /// <summary>
        /// 30 load controllers act on one event at the same instants and report within a few seconds of each other
        /// (their own random delay, each report sent once, 60 bytes so APS-fragmented): the APS retries alone bring
        /// every report to the ESI - no retries at the application level.
        /// </summary>
        [Fact]
        public void LoadControlEvent_ThirtyDevicesReportingTogether_EveryReportArrivesOnApsRetriesAlone()
        {
            using Gateway gw = Form();
            var lcds = Enumerable.Range(1, 30).Select(i => Add(gw, i, 45 * ((i - 1) % 6), 45 * ((i - 1) / 6), SimulatedDeviceKind.LoadControlDevice)).ToList();
            JoinAll(gw, lcds);
            Assert.All(lcds, d => Assert.Equal(LoadControlClient.DefaultReportJitter, d.Application.LoadControl!.ReportJitter));
            lcds[7].Application.LoadControl!.OptOut = true;
            uint id = gw.NextLoadControlIssuerEventId();
            DateTimeOffset start = gw.Scheduler.Now.AddMinutes(2);
            var command = new LoadControlEvent(id, LoadControlDeviceClass.HVAC, 0, ZclUtcTime.FromDateTime(start.UtcDateTime), 10, LoadControlCriticality.Level3, DutyCycle: 40);
            ZsepLoadControlEvent sent = gw.SendLoadControlEvent(command, null, Timeout);
            Assert.Equal(30, sent.Devices.Count);

            ZsepLoadControlEvent done = gw.WaitForLoadControlEvent(id, TimeSpan.FromMinutes(30));
            Assert.Equal(ZsepLoadControlEventState.Completed, done.State);
            foreach (ZsepLoadControlStatus d in done.Devices)
            {
                LoadControlEventStatus[] expected = d.Node == lcds[7].Ieee
                    ? new[] { LoadControlEventStatus.LoadControlEventCommandReceived, LoadControlEventStatus.UserOptedOut, LoadControlEventStatus.CompletedNoUserParticipation }
                    : new[] { LoadControlEventStatus.LoadControlEventCommandReceived, LoadControlEventStatus.EventStarted, LoadControlEventStatus.EventCompleted };
                Assert.Equal(expected, d.History);
            }

            Assert.Equal(29, done.Started);
            Assert.Equal(29, done.Completed);
            Assert.Equal(1, done.OptedOut);
        }

        [Fact]
        public void DisplayMessage_RequiringConfirmation_IsConfirmedByTheDisplay_AndGetLastMessageAnswers()
        {
            using Gateway gw = Form();
            SimulatedDevice ihd = Add(gw, 1, 30, 0, SimulatedDeviceKind.InHomeDisplay);
            SimulatedDevice lcd = Add(gw, 2, -30, 0, SimulatedDeviceKind.LoadControlDevice);
            JoinAll(gw, new[] { ihd, lcd });

            uint id = gw.NextMessageId();
            var message = new DisplayMessage(id, MessageControl.Create(MessageImportance.High, confirmationRequired: true), ZclUtcTime.Now, 60, "Peak pricing from 17:00");
            ZsepMessage sent = gw.SendMessage(message, null, Timeout);
            Assert.Equal(ihd.Ieee, Assert.Single(sent.Deliveries).Node);
            Assert.Empty(sent.Confirmations);

            Assert.True(gw.RunUntil(() => gw.GetMessages()[0].Confirmations.Count == 1, TimeSpan.FromMinutes(1)));
            ZsepMessage stored = Assert.Single(gw.GetMessages());
            Assert.Equal("Peak pricing from 17:00", stored.Text);
            Assert.Equal(MessageImportance.High, stored.Importance);
            ZsepMessageConfirmation confirmation = Assert.Single(stored.Confirmations);
            Assert.Equal(ihd.Ieee, confirmation.Node);
            Assert.Equal("Yes", confirmation.Answer);
            Assert.Equal(new[] { id }, ihd.Application.InHomeDisplay!.ConfirmedMessages);
            Assert.Equal("Peak pricing from 17:00", Assert.Single(ihd.Application.InHomeDisplay.Messages).Message);

            ZclResponse last = Assert.Single(Ask(gw, ihd, MessagingCommands.ClusterId, MessagingCommands.GetLastMessage, Array.Empty<byte>()));
            Assert.Equal(id, DisplayMessage.Decode(last.Frame!.Payload).MessageId);
        }

        [Fact]
        public void TheScheduleAndTheDevicesStatusesSurviveAReopen()
        {
            uint id;
            {
                using Gateway gw = Form();
                SimulatedDevice lcd = Add(gw, 1, 30, 0, SimulatedDeviceKind.LoadControlDevice);
                JoinAll(gw, new[] { lcd });
                id = gw.NextLoadControlIssuerEventId();
                gw.SendLoadControlEvent(new LoadControlEvent(id, LoadControlDeviceClass.All, 0, ZclUtcTime.Now, 5, LoadControlCriticality.Level2), null, Timeout);
                gw.WaitForLoadControlEvent(id, TimeSpan.FromMinutes(10));
                gw.PublishPrice(Price(gw.NextPriceIssuerEventId(), 1999, ZclUtcTime.Now, 0xFFFF), Array.Empty<Eui64>(), Timeout);
            }

            using Gateway reopened = Gateway.Open(Path.Combine(Dir, "net"), SimulatedRadioProvider.Instance);
            ZsepLoadControlEvent e = Assert.Single(reopened.GetLoadControlEvents());
            Assert.Equal(id, e.IssuerEventId);
            Assert.Equal(LoadControlEventStatus.EventCompleted, Assert.Single(e.Devices).Status);
            ZsepPrice price = Assert.Single(reopened.GetPrices());
            Assert.Null(price.DurationMinutes);
            Assert.True(price.IsCurrent);
            Assert.Equal(id + 1, reopened.NextLoadControlIssuerEventId());
        }

        /// <summary>Sends a client-to-server command from the device's endpoint 1 to the ESI and returns the answer(s) that completed it.</summary>
        private static List<ZclResponse> Ask(Gateway gw, SimulatedDevice device, ushort cluster, byte command, byte[] payload)
        {
            var answers = new List<ZclResponse>();
            device.Application.Application.SendCommand(NwkAddress.Coordinator, Gateway.EsiEndpoint, cluster, command, payload, Timeout, answers.Add,
                ZclDirection.ClientToServer, 1);
            Assert.True(gw.RunUntil(() => answers.Count > 0, TimeSpan.FromMinutes(1)));
            Assert.Equal(ZclTransactionStatus.Success, answers[0].Status);
            return answers;
        }
    }
}
