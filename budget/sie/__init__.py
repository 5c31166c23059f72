"""SIE 4 import: the parser (`budget.sie.parser`, pure Python without Django) and the import.

from budget.sie.parser import parse, write, SieFel
"""
