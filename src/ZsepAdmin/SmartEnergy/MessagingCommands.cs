using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Zsep.Stack.Gateway;
using Zsep.Stack.Types;
using Zsep.Stack.Zcl.SmartEnergy;

namespace ZsepAdmin.Commands
{
    /// <summary>Send-ZsepMessage: Display Message (SE 1.4 D.5.2.3.1) to devices with a Messaging client (in-home displays).</summary>
    [Cmdlet(VerbsCommunications.Send, "ZsepMessage", SupportsShouldProcess = true, DefaultParameterSetName = "Node")]
    [OutputType(typeof(ZsepMessage))]
    public sealed class SendZsepMessageCommand : SmartEnergySendCmdlet
    {
        /// <summary>The message (UTF-8; an SE display shows at least 80 characters).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Text { get; set; } = "";

        /// <summary>Minutes to show it; default until changed.</summary>
        [Parameter]
        [ValidateRange(1, 0xFFFE)]
        public ushort? DurationMinutes { get; set; }

        [Parameter]
        public MessageImportance Importance { get; set; } = MessageImportance.Medium;

        /// <summary>The display asks the user to confirm and sends a Message Confirmation.</summary>
        [Parameter]
        public SwitchParameter RequireConfirmation { get; set; }

        [Parameter]
        public DateTimeOffset? StartTime { get; set; }

        [Parameter]
        public TimeSpan? StartIn { get; set; }

        /// <summary>Default: one above the highest message id sent.</summary>
        [Parameter]
        public uint? MessageId { get; set; }

        protected override void Send(Gateway gateway, IReadOnlyList<Eui64>? nodes, string target)
        {
            if (System.Text.Encoding.UTF8.GetByteCount(Text) > 254)
            {
                WriteError(new ErrorRecord(new ArgumentException("The message is longer than 254 bytes, the most a ZCL character string holds."),
                    "InvalidMessage", ErrorCategory.InvalidArgument, Text));
                return;
            }

            if (!TryStart(gateway, StartTime, StartIn, out ZclUtcTime start))
            {
                return;
            }

            uint id = MessageId ?? gateway.NextMessageId();
            var message = new DisplayMessage(id, MessageControl.Create(Importance, RequireConfirmation), start, DurationMinutes ?? DisplayMessage.UntilChanged, Text);
            if (!ShouldProcess(target, $"Send message {id} ({Importance})"))
            {
                return;
            }

            SendAndWrite(gateway, nodes, () => gateway.SendMessage(message, nodes, Gateway.SmartEnergyTimeout, CancellationToken), r => r.Deliveries);
        }
    }

    /// <summary>Get-ZsepMessage: the messages sent, with the confirmations received.</summary>
    [Cmdlet(VerbsCommon.Get, "ZsepMessage")]
    [OutputType(typeof(ZsepMessage), typeof(ZsepMessageConfirmation))]
    public sealed class GetZsepMessageCommand : ZsepNetworkCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        public uint[]? MessageId { get; set; }

        /// <summary>Output the confirmation records instead of the messages.</summary>
        [Parameter]
        public SwitchParameter Confirmation { get; set; }

        protected override void ProcessRecord()
        {
            Gateway gateway = ResolveNetwork();
            foreach (ZsepMessage m in gateway.GetMessages())
            {
                if (MessageId is null || MessageId.Contains(m.MessageId))
                {
                    if (Confirmation)
                    {
                        WriteObject(m.Confirmations, enumerateCollection: true);
                    }
                    else
                    {
                        WriteObject(m);
                    }
                }
            }
        }
    }
}
