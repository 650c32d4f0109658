// Drives a = 250 + i, b = 7 for i < argv[1] and prints y in hex, one line per vector.
#include <cstdio>
#include <cstdlib>
#include "Vdut.h"
#include "verilated.h"

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1;
  Vdut dut;
  for (int i = 0; i < n; i++) {
    dut.a = static_cast<CData>(250 + i);
    dut.b = 7;
    dut.eval();
    std::printf("%03x\n", dut.y);
  }
  dut.final();
  return 0;
}
