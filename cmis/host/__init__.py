"""Host-side helpers of ``cmis.module.Module``: lanes, timing, flags, DOM, provisioning."""
