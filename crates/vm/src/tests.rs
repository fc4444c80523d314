//! End-to-end tests of the VM on hand-assembled code objects.
