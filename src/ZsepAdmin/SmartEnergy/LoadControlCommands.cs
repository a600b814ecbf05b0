using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl.SmartEnergy;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Send-ZsepLoadControlEvent: a Load Control Event (SE 1.4 D.2.2.3.1) to devices; with -Wait it drives the network
    /// until every device that took it reports a final status (completed, opted out, cancelled).
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "ZsepLoadControlEvent", SupportsShouldProcess = true, DefaultParameterSetName = "Node")]
    [OutputType(typeof(ZsepLoadControlEvent))]
    public sealed class SendZsepLoadControlEventCommand : SmartEnergySendCmdlet
    {
        /// <summary>The loads the event is for (HVAC, StripHeater, WaterHeater, PoolPump, SmartAppliance, ...; several with commas).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public LoadControlDeviceClass DeviceClass { get; set; }

        [Parameter]
        public LoadControlCriticality Criticality { get; set; } = LoadControlCriticality.Level1;

        /// <summary>When the event starts, in network time; default now.</summary>
        [Parameter]
        public DateTimeOffset? StartTime { get; set; }

        /// <summary>When the event starts, from the network's clock.</summary>
        [Parameter]
        public TimeSpan? StartIn { get; set; }

        [Parameter(Mandatory = true)]
        [ValidateRange(1, 1440)]
        public ushort DurationMinutes { get; set; }

        /// <summary>Default: one above the highest issuer event id; an id already used re-sends that event.</summary>
        [Parameter]
        public uint? IssuerEventId { get; set; }

        [Parameter]
        public byte UtilityEnrollmentGroup { get; set; }

        /// <summary>Degrees Celsius to raise the cooling set point by (0 to 25.4, in steps of 0.1).</summary>
        [Parameter]
        [ValidateRange(0.0, 25.4)]
        public double? CoolingTemperatureOffset { get; set; }

        /// <summary>Degrees Celsius to lower the heating set point by (0 to 25.4, in steps of 0.1).</summary>
        [Parameter]
        [ValidateRange(0.0, 25.4)]
        public double? HeatingTemperatureOffset { get; set; }

        /// <summary>Cooling set point in degrees Celsius (-273.15 to 327.67).</summary>
        [Parameter]
        [ValidateRange(-273.15, 327.67)]
        public double? CoolingSetPoint { get; set; }

        [Parameter]
        [ValidateRange(-273.15, 327.67)]
        public double? HeatingSetPoint { get; set; }

        [Parameter]
        [ValidateRange(-100, 100)]
        public sbyte? AverageLoadAdjustmentPercentage { get; set; }

        [Parameter]
        [ValidateRange(0, 100)]
        public byte? DutyCycle { get; set; }

        /// <summary>Randomize the start (and end) as the devices' StartRandomizationMinutes say.</summary>
        [Parameter]
        public SwitchParameter RandomizeStart { get; set; }

        [Parameter]
        public SwitchParameter RandomizeEnd { get; set; }

        /// <summary>Drive the network until every device that took the event reports it finished.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        protected override void Send(Gateway gateway, IReadOnlyList<Eui64>? nodes, string target)
        {
            if (!TryStart(gateway, StartTime, StartIn, out Zsep.Stack.Zcl.SmartEnergy.ZclUtcTime start))
            {
                return;
            }

            uint id = IssuerEventId ?? gateway.NextLoadControlIssuerEventId();
            var command = new LoadControlEvent(id, DeviceClass, UtilityEnrollmentGroup, start, DurationMinutes, Criticality,
                CoolingTemperatureOffset is double co ? (byte)Math.Round(co * 10) : LoadControlEvent.OffsetNotUsed,
                HeatingTemperatureOffset is double ho ? (byte)Math.Round(ho * 10) : LoadControlEvent.OffsetNotUsed,
                CoolingSetPoint is double cs ? (short)Math.Round(cs * 100) : LoadControlEvent.SetPointNotUsed,
                HeatingSetPoint is double hs ? (short)Math.Round(hs * 100) : LoadControlEvent.SetPointNotUsed,
                AverageLoadAdjustmentPercentage ?? LoadControlEvent.AverageLoadAdjustmentNotUsed,
                DutyCycle ?? LoadControlEvent.DutyCycleNotUsed,
                (RandomizeStart ? LoadControlEventControl.RandomizeStartTime : 0) | (RandomizeEnd ? LoadControlEventControl.RandomizeEndTime : 0));
            if (!ShouldProcess(target, $"Send load control event {id} ({DeviceClass}, {Criticality}, {DurationMinutes} min)"))
            {
                return;
            }

            ZsepLoadControlEvent? sent = Call(gateway, () => gateway.SendLoadControlEvent(command, nodes, Gateway.SmartEnergyTimeout, CancellationToken), id);
            if (sent is null)
            {
                return;
            }

            WriteUndelivered(sent.Devices.Where(d => d.Delivery is not null && d.Delivery != "Success").Select(d => new ZsepDelivery
            {
                Network = d.Network, Node = d.Node, Command = "LoadControlEvent", Id = d.IssuerEventId, Result = d.Delivery!,
            }));
            if (!sent.IsNew)
            {
                WriteVerbose($"Issuer event id {id} already named this event: it was sent again, nothing new was created.");
            }

            if (Wait)
            {
                TimeSpan limit = sent.EndTime - gateway.Scheduler.Now + TimeSpan.FromMinutes(5);
                WriteVerbose($"Waiting until {sent.EndTime:u} (network time) for the devices to finish.");
                sent = Call(gateway, () => gateway.WaitForLoadControlEvent(id, limit > TimeSpan.Zero ? limit : TimeSpan.FromMinutes(5), CancellationToken), id) ?? sent;
            }

            WriteObject(sent);
        }
    }

    /// <summary>Stop-ZsepLoadControlEvent: Cancel Load Control Event (one) or Cancel All Load Control Events (SE 1.4 D.2.2.3.2-3).</summary>
    [Cmdlet(VerbsLifecycle.Stop, "ZsepLoadControlEvent", SupportsShouldProcess = true, DefaultParameterSetName = "One")]
    [OutputType(typeof(ZsepLoadControlEvent))]
    public sealed class StopZsepLoadControlEventCommand : ZsepNetworkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "One", ValueFromPipelineByPropertyName = true)]
        public uint IssuerEventId { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = "All")]
        public SwitchParameter All { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            uint? id = All ? null : IssuerEventId;
            if (!ShouldProcess(All ? $"every load control event of {gateway.Name}" : $"load control event {IssuerEventId}", "Cancel"))
            {
                return;
            }

            try
            {
                foreach (ZsepLoadControlEvent e in gateway.StopLoadControlEvent(id, Gateway.SmartEnergyTimeout, CancellationToken))
                {
                    WriteObject(e);
                }
            }
            catch (SmartEnergyException ex)
            {
                WriteStackError(ex, IssuerEventId);
            }
            catch (Zsep.Radio.RadioUnavailableException ex)
            {
                ThrowStackError(ex, gateway.Name);
            }
        }
    }

    /// <summary>Get-ZsepLoadControlEvent: the DRLC server's events with each device's reported status.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepLoadControlEvent")]
    [OutputType(typeof(ZsepLoadControlEvent), typeof(ZsepLoadControlStatus))]
    public sealed class GetZsepLoadControlEventCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public uint[]? IssuerEventId { get; set; }

        [Parameter]
        public ZsepLoadControlEventState[]? State { get; set; }

        /// <summary>Output each device's status record instead of the events.</summary>
        [Parameter]
        public SwitchParameter Device { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            foreach (ZsepLoadControlEvent e in gateway.GetLoadControlEvents())
            {
                if ((IssuerEventId is null || IssuerEventId.Contains(e.IssuerEventId)) && (State is null || State.Contains(e.State)))
                {
                    if (Device)
                    {
                        WriteObject(e.Devices, enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(e);
                    }
                }
            }
        }
    }
}
