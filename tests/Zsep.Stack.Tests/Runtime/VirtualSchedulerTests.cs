using System;
using System.Collections.Generic;
using Zsep.Stack.Runtime;
using Xunit;

namespace Zsep.Stack.Tests.Runtime
{
    public class VirtualSchedulerTests
    {
        [Fact]
        public void Due_times_and_now_keep_the_start_offset()
        {
            var start = new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.FromHours(2));
            var s = new VirtualScheduler(1, start);
            IScheduledItem item = s.Schedule(TimeSpan.FromMilliseconds(1500), () => { });
            IScheduledItem negative = s.Schedule(TimeSpan.FromSeconds(-3), () => { });
            Assert.Equal(start + TimeSpan.FromMilliseconds(1500), item.Due);
            Assert.Equal(start.Offset, item.Due.Offset);
            Assert.Equal(start, negative.Due);
            Assert.Equal(start, s.NextDue);
            Assert.True(s.RunNext());
            Assert.True(s.RunNext());
            Assert.Equal(start + TimeSpan.FromMilliseconds(1500), s.Now);
            Assert.Equal(start.Offset, s.Now.Offset);
            Assert.True(item.IsDone);
        }

        [Fact]
        public void Events_run_in_time_order_then_in_the_order_scheduled()
        {
            var s = new VirtualScheduler(1);
            var log = new List<string>();
            s.Schedule(TimeSpan.FromSeconds(2), () => log.Add("b"));
            s.Schedule(TimeSpan.FromSeconds(1), () => log.Add("a"));
            s.Schedule(TimeSpan.FromSeconds(2), () => log.Add("c"));
            s.Post(() => log.Add("now"));
            s.RunFor(TimeSpan.FromSeconds(10));
            Assert.Equal(new[] { "now", "a", "b", "c" }, log);
            Assert.Equal(VirtualScheduler.DefaultEpoch + TimeSpan.FromSeconds(10), s.Now);
        }

        [Fact]
        public void A_cancelled_event_does_not_run_and_events_may_schedule_events()
        {
            var s = new VirtualScheduler(1);
            int runs = 0;
            IScheduledItem item = s.Schedule(TimeSpan.FromSeconds(1), () => runs += 100);
            s.Schedule(TimeSpan.FromSeconds(1), () => s.Schedule(TimeSpan.FromSeconds(1), () => runs++));
            item.Cancel();
            Assert.True(item.IsDone);
            Assert.True(s.RunUntil(() => runs == 1, TimeSpan.FromMinutes(1)));
            Assert.Equal(VirtualScheduler.DefaultEpoch + TimeSpan.FromSeconds(2), s.Now);
        }

        [Fact]
        public void A_180_second_window_passes_without_wall_time_and_the_limit_is_respected()
        {
            var s = new VirtualScheduler(7);
            bool closed = false;
            s.Schedule(TimeSpan.FromSeconds(180), () => closed = true);
            Assert.False(s.RunUntil(() => closed, TimeSpan.FromSeconds(179)));
            Assert.True(s.RunUntil(() => closed, TimeSpan.FromSeconds(5)));
        }

        [Fact]
        public void The_same_seed_gives_the_same_random_sequence()
        {
            Assert.Equal(new VirtualScheduler(42).Random.Next(), new VirtualScheduler(42).Random.Next());
        }

        [Fact]
        public void Many_random_events_with_cancellations_run_in_due_then_scheduling_order()
        {
            // The heap must give exactly the order of a sort by (due, order scheduled), cancelled events aside, also
            // across the compaction that drops cancelled events once they are most of a large queue.
            var s = new VirtualScheduler(5);
            var rnd = new Random(11);
            var expected = new List<(long Due, int Id)>();
            var ran = new List<int>();
            var items = new List<(IScheduledItem Item, long Due, int Id)>();
            for (int i = 0; i < 5000; i++)
            {
                int id = i;
                long ms = rnd.Next(0, 2000);
                items.Add((s.Schedule(TimeSpan.FromMilliseconds(ms), () => ran.Add(id)), ms, id));
            }

            var cancelled = new HashSet<int>();
            for (int i = 0; i < 5000; i += 3)
            {
                items[i].Item.Cancel();
                items[i].Item.Cancel(); // twice changes nothing
                cancelled.Add(i);
            }

            for (int i = 1; i < 5000; i += 3)
            {
                items[i].Item.Cancel();
                cancelled.Add(i);
            }

            Assert.Equal(5000 - cancelled.Count, s.Pending);
            foreach (var (item, due, id) in items)
            {
                Assert.Equal(cancelled.Contains(id), item.IsDone);
                if (!cancelled.Contains(id))
                {
                    expected.Add((due, id));
                }
            }

            expected.Sort((a, b) => a.Due != b.Due ? a.Due.CompareTo(b.Due) : a.Id.CompareTo(b.Id));
            Assert.Equal(VirtualScheduler.DefaultEpoch + TimeSpan.FromMilliseconds(expected[0].Due), s.NextDue);
            s.RunFor(TimeSpan.FromSeconds(3));
            Assert.Equal(expected.ConvertAll(e => e.Id), ran);
            Assert.Equal(0, s.Pending);
            Assert.Null(s.NextDue);
            Assert.All(items, i => Assert.True(i.Item.IsDone));
        }

        [Fact]
        public void Cancelling_the_next_event_moves_next_due_and_an_event_cancels_a_later_one()
        {
            var s = new VirtualScheduler(1);
            var log = new List<string>();
            IScheduledItem first = s.Schedule(TimeSpan.FromSeconds(1), () => log.Add("first"));
            IScheduledItem later = s.Schedule(TimeSpan.FromSeconds(3), () => log.Add("later"));
            s.Schedule(TimeSpan.FromSeconds(2), () =>
            {
                log.Add("second");
                later.Cancel();
            });
            first.Cancel();
            Assert.Equal(VirtualScheduler.DefaultEpoch + TimeSpan.FromSeconds(2), s.NextDue);
            Assert.Equal(2, s.Pending);
            s.RunFor(TimeSpan.FromSeconds(5));
            Assert.Equal(new[] { "second" }, log);
            Assert.Equal(0, s.Pending);
            Assert.True(later.IsDone);
        }
    }
}
