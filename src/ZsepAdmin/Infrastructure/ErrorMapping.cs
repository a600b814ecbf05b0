using System;
using System.Management.Automation;
using Zsep.Stack.Codec;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// The one place that turns a stack exception into an ErrorRecord: a stable error id (the first part of the
    /// FullyQualifiedErrorId, documented in about_ZsepAdmin) and a category. The inner exception is kept.
    /// </summary>
    public static class ErrorMapping
    {
        public static ErrorRecord ToErrorRecord(Exception exception, object? target)
        {
            (string id, ErrorCategory category) = Classify(exception);
            return new ErrorRecord(exception, id, category, target);
        }

        public static (string Id, ErrorCategory Category) Classify(Exception exception) => exception switch
        {
            FrameFormatException f => ("FrameMalformed" + f.Layer, ErrorCategory.InvalidData),
            Zsep.Stack.Security.InstallCodeException ic => ("InstallCode" + ic.Reason, ErrorCategory.InvalidData),
            Zsep.Stack.Gateway.SmartEnergyException se => (se.Reason.ToString(), se.Reason switch
            {
                Zsep.Stack.Gateway.SmartEnergyError.UnknownNode or Zsep.Stack.Gateway.SmartEnergyError.EventNotFound => ErrorCategory.ObjectNotFound,
                Zsep.Stack.Gateway.SmartEnergyError.IssuerEventIdInUse => ErrorCategory.ResourceExists,
                _ => ErrorCategory.InvalidOperation,
            }),
            Zsep.Stack.State.NetworkStateException n => ("NetworkState" + n.Reason, n.Reason switch
            {
                Zsep.Stack.State.NetworkStateError.AlreadyExists => ErrorCategory.ResourceExists,
                Zsep.Stack.State.NetworkStateError.NotFound => ErrorCategory.ObjectNotFound,
                Zsep.Stack.State.NetworkStateError.Locked => ErrorCategory.ResourceBusy,
                Zsep.Stack.State.NetworkStateError.IoError => ErrorCategory.WriteError,
                _ => ErrorCategory.InvalidData,
            }),
            Zsep.Stack.Gateway.CertificateRejectedException c => ("Certificate" + c.Reason, ErrorCategory.SecurityError),
            Zsep.Stack.Gateway.KeyEstablishmentRequiredException => ("KeyEstablishmentRequired", ErrorCategory.SecurityError),
            Zsep.Stack.Gateway.KeyEstablishmentFailedException k => ("KeyEstablishment" + k.Result.Status, ErrorCategory.SecurityError),
            Zsep.Stack.State.ClustersConfigException => ("ClustersConfigInvalid", ErrorCategory.InvalidData),
            Zsep.Stack.Gateway.ZclRequestException => ("NodeUnreachable", ErrorCategory.ConnectionError),
            Zsep.Stack.Gateway.ZdoRequestException z => z.Status switch
            {
                Zsep.Stack.Zdo.ZdoStatus.TABLE_FULL => ("BindingTableFull", ErrorCategory.LimitsExceeded),
                Zsep.Stack.Zdo.ZdoStatus.NO_ENTRY => ("BindingNotFound", ErrorCategory.ObjectNotFound),
                null => ("NodeNotResponding", ErrorCategory.OperationTimeout),
                _ => ("ZdoRequestRefused", ErrorCategory.InvalidOperation),
            },
            Zsep.Radio.RadioUnavailableException => ("RadioUnavailable", ErrorCategory.ResourceUnavailable),
            Zsep.Radio.RadioFirmwareException => ("RadioFirmwareIncompatible", ErrorCategory.InvalidResult),
            NotSupportedException => ("NotSupported", ErrorCategory.NotImplemented),
            FormatException => ("InvalidFormat", ErrorCategory.InvalidArgument),
            ArgumentException => ("InvalidArgument", ErrorCategory.InvalidArgument),
            OperationCanceledException => ("OperationStopped", ErrorCategory.OperationStopped),
            TimeoutException => ("OperationTimeout", ErrorCategory.OperationTimeout),
            System.IO.IOException => ("IOError", ErrorCategory.ResourceUnavailable),
            UnauthorizedAccessException => ("AccessDenied", ErrorCategory.PermissionDenied),
            _ => ("UnexpectedError", ErrorCategory.NotSpecified),
        };
    }
}
