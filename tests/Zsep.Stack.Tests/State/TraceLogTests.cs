using System;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Tests.State
{
    public class TraceLogTests
    {
        private static readonly Eui64 Rogue = Eui64.Parse("00:0D:6F:00:DE:AD:BE:EF");

        private sealed class Clock
        {
            public DateTimeOffset Now { get; set; } = new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero);

            public DateTimeOffset Tick()
            {
                Now = Now.AddMilliseconds(1.5);
                return Now;
            }
        }

        [Fact]
        public void One_event_per_line_with_time_level_code_node_and_detail()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            using (var trace = new TraceLog(dir.File(TraceLog.FileName), () => clock.Now))
            {
                trace.Write(TraceLevel.Info, TraceCodes.NwkFormed, "channel 15, PAN 0x1A62");
                trace.Error(TraceCodes.ErrAuthSecFail, Rogue, "unknown device refused");
                trace.Write(TraceLevel.Warning, TraceCodes.MacNoAck, new NwkAddress(0x1A2B), "3 retries\nthen gave up \\ done");
            }

            string[] lines = File.ReadAllLines(dir.File(TraceLog.FileName));
            Assert.Equal(3, lines.Length);
            Assert.Equal("2025-01-31T12:00:00.000000Z INFO NWK_FORMED - channel 15, PAN 0x1A62", lines[0]);
            Assert.Equal("2025-01-31T12:00:00.000000Z ERROR ERR_AUTH_SEC_FAIL 00:0D:6F:00:DE:AD:BE:EF unknown device refused", lines[1]);
            Assert.Equal("2025-01-31T12:00:00.000000Z WARN MAC_NO_ACK 0x1A2B 3 retries\\nthen gave up \\\\ done", lines[2]);

            var entries = TraceLog.ReadFiles(dir.File(TraceLog.FileName));
            Assert.Equal("3 retries\nthen gave up \\ done", entries[2].Detail);
            Assert.Equal(new NwkAddress(0x1A2B), entries[2].NwkAddress);
            Assert.Equal(Rogue, entries[1].Ieee);
            Assert.Null(entries[0].Node);
            Assert.Equal(TraceLevel.Error, entries[1].Level);
        }

        [Fact]
        public void Read_filters_by_code_node_since_and_last()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            using var trace = new TraceLog(dir.File(TraceLog.FileName), clock.Tick);
            var meter = Eui64.Parse("00:0D:6F:00:0B:BC:AB:01");
            trace.Info(TraceCodes.NwkFormed, "formed");
            DateTimeOffset formed = clock.Now;
            trace.Info(TraceCodes.DeviceJoined, meter, "joined");
            trace.Error(TraceCodes.ErrAuthSecFail, Rogue, "refused 1");
            trace.Error(TraceCodes.ErrAuthSecFail, Rogue, "refused 2");
            trace.Error(TraceCodes.ErrAuthSecFail, meter, "bad MIC");

            Assert.Equal(3, trace.Read(code: "err_auth_sec_fail").Count);
            Assert.Equal(new[] { "refused 1", "refused 2" }, trace.Read(node: "000D6F00DEADBEEF").Select(e => e.Detail));
            Assert.Equal(new[] { "joined", "bad MIC" }, trace.Read(node: "00-0D-6F-00-0B-BC-AB-01").Select(e => e.Detail));
            Assert.Equal(4, trace.Read(since: formed.AddTicks(1)).Count);
            Assert.Equal(new[] { "refused 2", "bad MIC" }, trace.Read(code: TraceCodes.ErrAuthSecFail, last: 2).Select(e => e.Detail));
            Assert.Empty(trace.Read(code: TraceCodes.RouteFail));
        }

        [Fact]
        public void Rotation_keeps_three_old_files_and_reads_them_in_time_order()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            string path = dir.File(TraceLog.FileName);
            using var trace = new TraceLog(path, clock.Tick, maxBytes: 1000);
            for (int i = 0; i < 200; i++)
            {
                trace.Info(TraceCodes.DeviceJoined, $"event {i:D3} {new string('x', 40)}");
            }

            Assert.True(File.Exists(path + ".1"));
            Assert.True(File.Exists(path + ".3"));
            Assert.False(File.Exists(path + ".4"));
            foreach (string f in new[] { path, path + ".1", path + ".2", path + ".3" })
            {
                Assert.True(new FileInfo(f).Length <= 1000, f);
            }

            var entries = trace.Read();
            Assert.InRange(entries.Count, 40, 199);
            Assert.Equal("event 199", entries[entries.Count - 1].Detail.Substring(0, 9));
            int first = int.Parse(entries[0].Detail.Substring(6, 3));
            Assert.Equal(Enumerable.Range(first, entries.Count).Select(i => $"event {i:D3}"), entries.Select(e => e.Detail.Substring(0, 9)));
            Assert.Equal(0, trace.FailedWrites);
        }

        [Fact]
        public void A_torn_last_line_is_skipped_and_the_next_event_starts_a_new_line()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            string path = dir.File(TraceLog.FileName);
            using (var trace = new TraceLog(path, clock.Tick))
            {
                trace.Info(TraceCodes.NwkFormed, "formed");
            }

            File.AppendAllText(path, "2025-01-31T12:00:00.100000Z INFO DEVICE_JO", new UTF8Encoding(false));
            Assert.Single(TraceLog.ReadFiles(path));

            using (var trace = new TraceLog(path, clock.Tick))
            {
                trace.Info(TraceCodes.DeviceLeft, "after the crash");
                var entries = trace.Read();
                Assert.Equal(new[] { TraceCodes.NwkFormed, TraceCodes.DeviceLeft }, entries.Select(e => e.Code));
            }
        }

        [Fact]
        public void Garbage_lines_are_skipped()
        {
            using var dir = new TempFolder();
            string path = dir.File(TraceLog.FileName);
            File.WriteAllText(path, "hello\n\n2025-01-31T12:00:00.000000Z LOUD X - y\n2025-01-31T12:00:00.000000Z INFO OK - fine\n");
            Assert.Equal("OK", Assert.Single(TraceLog.ReadFiles(path)).Code);
        }

        [Fact]
        public void A_disk_error_is_counted_not_thrown()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            // The trace path is a folder: every open fails.
            string path = dir.File("trace-as-folder");
            Directory.CreateDirectory(path);
            using var trace = new TraceLog(path, clock.Tick);
            trace.Info(TraceCodes.NwkFormed, "lost");
            trace.Error(TraceCodes.MacNoAck, Rogue, "lost too");
            Assert.Equal(2, trace.FailedWrites);
            Assert.Equal(NetworkStateError.IoError, Assert.Throws<NetworkStateException>(() => trace.Read()).Reason);
        }

        [Fact]
        public void A_key_interpolated_by_mistake_prints_redacted()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            using var trace = new TraceLog(dir.File(TraceLog.FileName), clock.Tick);
            ZigbeeKey key = NetworkStoreTests.NetworkKey;
            trace.Info(TraceCodes.KeyTransported, Rogue, $"sent {key}");
            string text = File.ReadAllText(dir.File(TraceLog.FileName));
            Assert.DoesNotContain(key.ExportHex(), text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("<key redacted>", text);
        }

        [Fact]
        public void An_odd_code_is_normalized_rather_than_breaking_the_line_format()
        {
            using var dir = new TempFolder();
            var clock = new Clock();
            using var trace = new TraceLog(dir.File(TraceLog.FileName), clock.Tick);
            trace.Info("route fail", "x");
            Assert.Equal("ROUTE_FAIL", Assert.Single(trace.Read()).Code);
        }
    }
}
