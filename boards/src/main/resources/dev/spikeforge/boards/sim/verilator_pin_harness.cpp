// spikeforge pin harness for {{TOP}} (generated): toggles {{CLOCK}}, drives inputs on request and
// reports output changes. Protocol on stdin/stdout: see ProcessPinSession.java.
#include "Vdut.h"
#include "verilated.h"
#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  VerilatedContext* ctx = new VerilatedContext;
  ctx->commandArgs(argc, argv);
  Vdut* dut = new Vdut{ctx};
  const int outputs = {{OUTPUT_COUNT}};
  uint64_t prev[{{OUTPUT_COUNT}}] = {0};
  bool first = true;
  dut->{{CLOCK}} = 0;
{{INIT_INPUTS}}
  dut->eval();
  uint64_t cycle = 0;
  std::string line;
  while (std::getline(std::cin, line)) {
    if (line.empty()) continue;
    if (line[0] == 'D') {
      unsigned port = 0;
      unsigned long long v = 0;
      if (std::sscanf(line.c_str() + 1, "%u %llx", &port, &v) != 2) return 2;
      switch (port) {
{{DRIVE_CASES}}
        default: return 3;
      }
    } else if (line[0] == 'R') {
      unsigned long long until = 0;
      if (std::sscanf(line.c_str() + 1, "%llu", &until) != 1) return 2;
      while (cycle < until) {
        dut->{{CLOCK}} = 1;
        dut->eval();
        ctx->timeInc(1);
        uint64_t cur[{{OUTPUT_COUNT}}] = { {{SAMPLE_OUTPUTS}} };
        for (int i = 0; i < outputs; i++) {
          if (first || cur[i] != prev[i]) {
            std::printf("C %" PRIu64 " %d %" PRIx64 "\n", cycle, i, cur[i]);
            prev[i] = cur[i];
          }
        }
        first = false;
        dut->{{CLOCK}} = 0;
        dut->eval();
        ctx->timeInc(1);
        cycle++;
      }
      std::printf("E %" PRIu64 "\n", cycle);
      std::fflush(stdout);
    } else if (line[0] == 'Q') {
      break;
    }
  }
  dut->final();
  delete dut;
  delete ctx;
  return 0;
}
