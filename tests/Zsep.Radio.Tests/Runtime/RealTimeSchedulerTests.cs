using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using Zsep.Stack.Runtime;
using Xunit;

namespace Zsep.Radio.Tests.Runtime
{
    /// <summary>The real-time loop: wall clock (scaled), one thread, thread-safe Post, faults and cancellation.</summary>
    public sealed class RealTimeSchedulerTests
    {
        [Fact]
        public void Items_run_in_order_when_the_scaled_clock_reaches_them()
        {
            var loop = new RealTimeScheduler(1, timeScale: 20);
            var order = new List<int>();
            DateTimeOffset start = loop.Now;
            loop.Schedule(TimeSpan.FromSeconds(2), () => order.Add(2));
            loop.Schedule(TimeSpan.FromSeconds(1), () => order.Add(1));
            var wall = Stopwatch.StartNew();
            Assert.True(loop.RunUntil(() => order.Count == 2, TimeSpan.FromSeconds(10)));
            Assert.Equal(new[] { 1, 2 }, order);
            // 2 s of loop time at 20x is 100 ms of wall time: neither instant nor real time.
            Assert.InRange(wall.Elapsed.TotalMilliseconds, 80, 1500);
            Assert.InRange((loop.Now - start).TotalSeconds, 2, 2.5);
        }

        [Fact]
        public void Post_from_another_thread_runs_on_the_driving_thread()
        {
            var loop = new RealTimeScheduler(1);
            int ranOn = -1;
            var poster = new Thread(() => loop.Post(() => ranOn = Environment.CurrentManagedThreadId)) { IsBackground = true };
            poster.Start();
            Assert.True(loop.RunUntil(() => ranOn != -1, TimeSpan.FromSeconds(5)));
            Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
        }

        [Fact]
        public void RunUntil_returns_false_at_the_limit()
        {
            var loop = new RealTimeScheduler(1, timeScale: 50);
            DateTimeOffset start = loop.Now;
            Assert.False(loop.RunUntil(() => false, TimeSpan.FromSeconds(5)));
            Assert.Equal(start + TimeSpan.FromSeconds(5), loop.Now);
        }

        [Fact]
        public void A_fault_is_thrown_to_the_driver_at_once()
        {
            var loop = new RealTimeScheduler(1);
            new Thread(() => loop.Fault(new InvalidOperationException("port gone"))) { IsBackground = true }.Start();
            var wall = Stopwatch.StartNew();
            var error = Assert.Throws<InvalidOperationException>(() => loop.RunFor(TimeSpan.FromMinutes(5)));
            Assert.Equal("port gone", error.Message);
            Assert.True(wall.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void Cancellation_stops_a_long_wait()
        {
            var loop = new RealTimeScheduler(1);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(150));
            var wall = Stopwatch.StartNew();
            Assert.ThrowsAny<OperationCanceledException>(() => loop.RunFor(TimeSpan.FromHours(1), cts.Token));
            Assert.True(wall.Elapsed < TimeSpan.FromSeconds(5));
        }

        [Fact]
        public void A_background_loop_paces_a_virtual_queue_and_Invoke_runs_on_it()
        {
            var queue = new VirtualScheduler(3);
            int ticks = 0;
            void Tick()
            {
                ticks++;
                queue.Schedule(TimeSpan.FromSeconds(1), Tick);
            }

            queue.Schedule(TimeSpan.FromSeconds(1), Tick);
            using var loop = new RealTimeScheduler(queue, timeScale: 100);
            loop.Start();
            Assert.True(SpinWait.SpinUntil(() => loop.Invoke(() => ticks) >= 10, 5000));
            int loopThread = loop.Invoke(() => Environment.CurrentManagedThreadId);
            Assert.NotEqual(Environment.CurrentManagedThreadId, loopThread);
            loop.Stop();
            Assert.Null(loop.BackgroundError);
        }

        [Fact]
        public void A_loop_refuses_a_second_driver()
        {
            var loop = new RealTimeScheduler(1);
            using var inside = new ManualResetEventSlim();
            using var release = new ManualResetEventSlim();
            var t = new Thread(() => loop.RunUntil(() =>
            {
                inside.Set();
                return release.IsSet;
            }, TimeSpan.FromSeconds(30)));
            t.IsBackground = true;
            t.Start();
            Assert.True(inside.Wait(TimeSpan.FromSeconds(30)), "the first driver did not start");
            Assert.Throws<InvalidOperationException>(() => loop.RunFor(TimeSpan.FromSeconds(1)));
            release.Set();
            loop.Post(() => { });
            Assert.True(t.Join(TimeSpan.FromSeconds(60)), "the first driver did not return");
        }
    }
}
