using System;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;

namespace ZsepAdmin.Commands
{
    /// <summary>Enable-ZsepJoin: opens the network for joining (Mgmt_Permit_Joining_req broadcast and the coordinator itself).</summary>
    [Cmdlet(VerbsLifecycle.Enable, "ZsepJoin", SupportsShouldProcess = true)]
    [OutputType(typeof(ZsepNode))]
    public sealed class EnableZsepJoinCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0)]
        [ValidateRange(1, 254)]
        public int Duration { get; set; } = 180;

        /// <summary>Open joining on this router only (commissioning a device near it); the rest of the network stays closed.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Ieee")]
        [ArgumentCompleter(typeof(IeeeCompleter))]
        public Eui64? Node { get; set; }

        /// <summary>Wait while the network is open, showing a countdown and writing each node as it joins.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>With -Wait: stop waiting once this many devices have joined.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? ExpectCount { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (!ShouldProcess(Node is { } r ? $"{gateway.Name} through router {r}" : gateway.Name, $"Permit joining for {Duration} s"))
            {
                return;
            }

            gateway.RecentJoins.Clear();
            if (Node is { } router)
            {
                try
                {
                    gateway.PermitJoinThrough(router, (byte)Duration);
                }
                catch (ArgumentException ex)
                {
                    WriteError(new ErrorRecord(ex, "NotARouter", ErrorCategory.InvalidArgument, router));
                    return;
                }
            }
            else
            {
                gateway.PermitJoin((byte)Duration);
            }
            WriteVerbose($"{gateway.Name} is open for joining until {gateway.PermitJoinUntil:u} (network time).");
            if (!Wait)
            {
                return;
            }

            var progress = new ProgressRecord(1, $"Joining {gateway.Name}", "Open");
            DateTimeOffset end = gateway.Scheduler.Now + TimeSpan.FromSeconds(Duration);
            int joined = 0;
            while (gateway.Scheduler.Now < end && (ExpectCount is null || joined < ExpectCount))
            {
                RunUntil(gateway, () => gateway.RecentJoins.Count > 0, TimeSpan.FromSeconds(1));
                while (gateway.RecentJoins.Count > 0)
                {
                    joined++;
                    WriteObject(gateway.RecentJoins.Dequeue());
                }

                double left = Math.Max(0, (end - gateway.Scheduler.Now).TotalSeconds);
                progress.StatusDescription = $"{joined} joined" + (ExpectCount is { } n ? $" of {n} expected" : string.Empty) + $"; {left:0} s left";
                progress.PercentComplete = (int)(100 * (Duration - left) / Duration);
                progress.SecondsRemaining = (int)left;
                WriteProgress(progress);
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            if (ExpectCount is { } expected && joined < expected)
            {
                WriteWarning($"{joined} of {expected} expected devices joined before the network closed.");
            }
        }
    }

    /// <summary>Disable-ZsepJoin: closes joining on the coordinator and every router.</summary>
    [Cmdlet(VerbsLifecycle.Disable, "ZsepJoin", SupportsShouldProcess = true)]
    public sealed class DisableZsepJoinCommand : ZsepNetworkCmdlet
    {
        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (ShouldProcess(gateway.Name, "Close joining"))
            {
                gateway.DisableJoin();
                RunUntil(gateway, () => false, TimeSpan.FromMilliseconds(500));
            }
        }
    }

    /// <summary>Step-ZsepSimulation: advances the network's virtual time (every device on its simulated medium moves on).</summary>
    [Cmdlet(VerbsCommon.Step, "ZsepSimulation")]
    public sealed class StepZsepSimulationCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0)]
        public TimeSpan Duration { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            if (Duration < TimeSpan.Zero)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentOutOfRangeException(nameof(Duration), "Time only goes forward: give a positive duration."), "NegativeDuration", ErrorCategory.InvalidArgument, Duration));
            }

            DateTimeOffset before = gateway.Scheduler.Now;
            gateway.RunFor(Duration, CancellationToken);
            WriteVerbose($"Virtual time {before:HH:mm:ss.fff} -> {gateway.Scheduler.Now:HH:mm:ss.fff}.");
        }
    }
}
