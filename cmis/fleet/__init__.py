"""Fleet rollouts on Nornir: status, DOM, provisioning and firmware across many switches.

Nornir is an optional extra (``pip install cmis-tools[fleet]``) imported only in here, when a
fleet command runs; ``tasks`` holds the Nornir tasks, ``rollout`` the wave policy.
"""
