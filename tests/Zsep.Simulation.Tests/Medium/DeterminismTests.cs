using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Zsep.Simulation.Medium;
using Zsep.Stack.Radio;
using Zsep.Stack.Types;
using Xunit;
using Xunit.Abstractions;

namespace Zsep.Simulation.Tests.Medium
{
    /// <summary>Same seed, same trace; and the medium at the scale of the issue 3 benchmark (1,000 radios).</summary>
    public class DeterminismTests
    {
        private readonly ITestOutputHelper _output;

        public DeterminismTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void SameSeed_GivesTheIdenticalFrameOnAirTrace_AnotherSeedDoesNot()
        {
            List<string> first = Trace(7), second = Trace(7), other = Trace(8);
            Assert.True(first.Count > 100, $"only {first.Count} frames");
            Assert.Equal(first, second);
            Assert.NotEqual(first, other);
        }

        /// <summary>30 radios scattered with shadowing, each sending acked unicasts and broadcasts: retries, collisions, losses.</summary>
        private static List<string> Trace(int seed)
        {
            var h = new MediumHarness(seed, new MediumOptions { Name = "det", ShadowingSigmaDb = 4, ShadowingSeed = 3 });
            var layout = new Random(99);
            var radios = new List<SimulatedRadio>();
            for (ushort i = 1; i <= 30; i++)
            {
                radios.Add(h.Radio(i, layout.NextDouble() * 150, layout.NextDouble() * 150));
            }

            var trace = new List<string>();
            h.Medium.FrameOnAir += f => trace.Add($"{(f.Timestamp - Stack.Runtime.VirtualScheduler.DefaultEpoch).Ticks} {f.Sender.ExtendedAddress} {Hex.Format(f.Psdu)}");
            byte seq = 0;
            for (int round = 0; round < 5; round++)
            {
                foreach (SimulatedRadio r in radios)
                {
                    ushort self = r.Configuration.ShortAddress;
                    ushort to = (ushort)(1 + ((self + round) % 30));
                    h.Send(r, MediumHarness.Data(seq++, round % 2 == 0 ? to : (ushort)0xFFFF, self, ackRequest: round % 2 == 0));
                }

                h.Run(TimeSpan.FromMilliseconds(200));
            }

            return trace;
        }

        [Fact]
        public void BroadcastStorm_1000Radios_FinishesWithinASaneEventCount()
        {
            var h = new MediumHarness(5, new MediumOptions { Name = "storm" });
            var radios = new List<SimulatedRadio>();
            for (int i = 0; i < 1000; i++)
            {
                radios.Add(h.Radio((ushort)(i + 1), (i % 32) * 20.0, (i / 32) * 20.0));
            }

            int done = 0;
            var statuses = new Dictionary<RadioTransmitStatus, int>();
            var wall = Stopwatch.StartNew();
            foreach (SimulatedRadio r in radios)
            {
                // Everyone wants to send within the same second (as after a power cut).
                TimeSpan at = TimeSpan.FromTicks(h.Scheduler.Random.Next(0, (int)TimeSpan.FromSeconds(1).Ticks));
                h.Scheduler.Schedule(at, () => r.Transmit(MediumHarness.Data(1, 0xFFFF, r.Configuration.ShortAddress, false, payloadLength: 40),
                    RadioTransmitOptions.Default, res =>
                    {
                        done++;
                        statuses[res.Status] = statuses.TryGetValue(res.Status, out int n) ? n + 1 : 1;
                    }));
            }

            h.Scheduler.RunUntil(() => done == 1000, TimeSpan.FromSeconds(10));
            wall.Stop();
            Assert.Equal(1000, done);
            Assert.True(h.Scheduler.EventsRun < 20_000, $"{h.Scheduler.EventsRun} events");
            long received = radios.Sum(r => r.Counters.FramesReceived);
            _output.WriteLine($"{h.Scheduler.EventsRun} events, {wall.ElapsedMilliseconds} ms wall, {received} deliveries, " +
                $"{radios.Sum(r => r.Counters.Collisions)} collisions, {radios.Sum(r => r.Counters.BusyCca)} busy CCAs, " +
                $"{radios.Sum(r => r.Counters.DroppedByLoss)} lost, {string.Join(", ", statuses)}");
            Assert.True(received > 1000 * 50, $"received {received}"); // each radio has roughly 200-250 neighbours in range
            Assert.True(statuses.TryGetValue(RadioTransmitStatus.Success, out int ok) && ok > 900, string.Join(", ", statuses));
        }
    }
}
