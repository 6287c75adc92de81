package org.labledger.lab;

public enum LabKind { FRONTIER_LAB, BIG_TECH, OTHER }
