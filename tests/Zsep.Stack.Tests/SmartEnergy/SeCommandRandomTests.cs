using System;
using System.Collections.Generic;
using System.Diagnostics;
using Xunit;
using Xunit.Abstractions;
using Zsep.Stack.Codec;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl;
using Zsep.Stack.Zcl.SmartEnergy;

namespace Zsep.Stack.Tests.SmartEnergy
{
    /// <summary>SE 1.4 Annex D cluster commands: seeded random round trips and seeded mutation runs through the dispatcher.</summary>
    public class SeCommandRandomTests
    {
        private readonly ITestOutputHelper _output;

        public SeCommandRandomTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public void Annex_D_random_commands_round_trip_through_the_dispatcher()
        {
            var random = new Random(0x5E14);
            var seen = new HashSet<string>();
            for (int i = 0; i < 5000; i++)
            {
                SmartEnergyCommand cmd = SeRandom.Any(random);
                byte[] bytes = cmd.ToArray();
                Assert.Equal(cmd.EncodedLength, bytes.Length);
                SmartEnergyCommand? again = SmartEnergyCommand.Decode(cmd.ClusterId, cmd.CommandId, cmd.Direction, bytes);
                Assert.NotNull(again);
                Assert.Equal(cmd, again);
                Assert.Equal(cmd.GetHashCode(), again!.GetHashCode());
                Assert.Equal(bytes, again.ToArray());
                Assert.True(SmartEnergyCommand.TryDecode(cmd.ClusterId, cmd.CommandId, cmd.Direction, bytes, out SmartEnergyCommand? viaTry, out FrameFormatException? err));
                Assert.Null(err);
                Assert.Equal(cmd, viaTry);
                Assert.False(string.IsNullOrEmpty(again.ToString()));
                Assert.DoesNotContain("Command 0x", again.CommandName);
                seen.Add(cmd.CommandName);
            }

            Assert.Equal(20, seen.Count); // all 19 records, Display Protected Message counted apart
        }

        [Fact]
        public void Annex_D_the_typed_static_decoders_agree_with_the_dispatcher()
        {
            var random = new Random(77);
            for (int i = 0; i < 300; i++)
            {
                PublishPrice p = SeRandom.PublishPrice(random);
                Assert.Equal(p, PublishPrice.Decode(p.ToArray()));
                PublishTierLabels t = SeRandom.PublishTierLabels(random);
                Assert.Equal(t, PublishTierLabels.Decode(t.ToArray()));
                LoadControlEvent e = SeRandom.LoadControlEvent(random);
                Assert.Equal(e, LoadControlEvent.Decode(e.ToArray()));
                ReportEventStatus s = SeRandom.ReportEventStatus(random);
                Assert.Equal(s, ReportEventStatus.Decode(s.ToArray()));
            }
        }

        private static byte[] Mutate(byte[] seed, Random r)
        {
            var data = new List<byte>(seed);
            int edits = 1 + r.Next(4);
            for (int e = 0; e < edits; e++)
            {
                switch (r.Next(5))
                {
                    case 0 when data.Count > 0:
                        data[r.Next(data.Count)] ^= (byte)(1 << r.Next(8));
                        break;
                    case 1 when data.Count > 0:
                        data[r.Next(data.Count)] = (byte)r.Next(256);
                        break;
                    case 2:
                        data.Insert(r.Next(data.Count + 1), (byte)r.Next(256));
                        break;
                    case 3 when data.Count > 0:
                        data.RemoveAt(r.Next(data.Count));
                        break;
                    default:
                        if (data.Count > 0)
                        {
                            int at = r.Next(data.Count);
                            data.RemoveRange(at, data.Count - at);
                        }

                        break;
                }
            }

            return data.ToArray();
        }

        [Theory]
        [InlineData(PriceCommands.ClusterId, 1)]
        [InlineData(DrlcCommands.ClusterId, 2)]
        [InlineData(MessagingCommands.ClusterId, 3)]
        public void Annex_D_mutation_run_decodes_to_a_value_or_a_frame_format_error(ushort clusterId, int seed)
        {
            var random = new Random(0x0700 + seed);
            var seeds = new List<SmartEnergyCommand>();
            while (seeds.Count < 200)
            {
                SmartEnergyCommand c = SeRandom.Any(random);
                if (c.ClusterId == clusterId)
                {
                    seeds.Add(c);
                }
            }

            int decoded = 0, rejected = 0, untyped = 0;
            var clock = Stopwatch.StartNew();
            const int total = 100_000;
            for (int i = 0; i < total; i++)
            {
                SmartEnergyCommand s = seeds[random.Next(seeds.Count)];
                byte[] data = Mutate(s.ToArray(), random);

                // Now and then the command id or direction is mutated too.
                byte commandId = random.Next(8) == 0 ? (byte)random.Next(16) : s.CommandId;
                ZclDirection direction = random.Next(8) == 0 ? (ZclDirection)(1 - (int)s.Direction) : s.Direction;
                try
                {
                    SmartEnergyCommand? cmd = SmartEnergyCommand.Decode(clusterId, commandId, direction, data);
                    if (cmd is null)
                    {
                        untyped++;
                        continue;
                    }

                    // Decoding is a projection: re-encoding and decoding again gives the same command.
                    byte[] again = cmd.ToArray();
                    Assert.Equal(cmd, SmartEnergyCommand.Decode(clusterId, commandId, direction, again));
                    _ = cmd.ToString();
                    decoded++;
                }
                catch (FrameFormatException e)
                {
                    Assert.Equal(FrameLayer.Zcl, e.Layer);
                    Assert.False(string.IsNullOrEmpty(e.Field));
                    Assert.InRange(e.Offset, 0, data.Length);
                    rejected++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"Mutant {i} of {s.CommandName} ({Hex.Format(data)}) threw {e.GetType().Name}: {e.Message}");
                }
            }

            _output.WriteLine($"cluster 0x{clusterId:X4}: {decoded} decoded, {rejected} rejected, {untyped} untyped in {clock.ElapsedMilliseconds} ms");
            Assert.True(decoded > total / 10, $"only {decoded} mutants decoded");
            Assert.True(rejected > total / 10, $"only {rejected} mutants rejected");
        }
    }
}
