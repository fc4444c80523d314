#!/usr/bin/env python3
# -*- coding: utf-8 -*-

   
	
# comment
x = 1  # trailing comment


    # indented comment
y = 2
