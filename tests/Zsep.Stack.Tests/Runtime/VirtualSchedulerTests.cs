using System;
using System.Collections.Generic;
using Zsep.Stack.Runtime;
using Xunit;

namespace Zsep.Stack.Tests.Runtime
{
    public class VirtualSchedulerTests
    {
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
    }
}
