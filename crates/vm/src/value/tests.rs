//! Property tests of the value encoding.
